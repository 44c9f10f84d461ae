package io.labelloop.learning.model;

import io.labelloop.learning.features.FeatureBuffer;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Multinomial logistic regression trained by the same SGD as Tribuo 4.3.2's {@code LinearSGDTrainer} with the
 * {@code LogMulticlass} softmax loss (one example per step, epochs shuffled in place by a
 * {@link SplittableRandom} split from the seed) and AdaGrad (Duchi, Hazan &amp; Singer 2011, learning rate 1,
 * epsilon 0.1, with the L2 penalty as weight decay once per epoch), but over index/value arrays: each step
 * touches only the rows of its non-zero features, laid out feature-major so that a feature's class weights are
 * contiguous. Tribuo builds an {@code Example}, an {@code SGDVector} and a sparse outer-product matrix per step,
 * which made training on 10k texts with 29 classes take 20 s. Tests pin its probabilities to Tribuo's (the
 * reference trainer {@code TribuoLogisticTrainer} lives with the tests; Tribuo is a test dependency only).
 */
public final class SparseSoftmaxTrainer {
    /** Learning rate of AdaGrad. */
    public static final double LEARNING_RATE = 1.0;
    /** AdaGrad's epsilon (Tribuo's default). */
    static final double EPSILON = 0.1;
    /** SGD work budget in weight updates (non-zero features x classes per step, summed over steps). */
    private static final double WORK = 1e7;
    /** Fewest passes over the data. */
    static final int MIN_EPOCHS = 5;
    /** Fewest passes over sparse rows, once they make {@link #SPARSE_MIN_STEPS} steps (5,000 labels or more). */
    static final int SPARSE_MIN_EPOCHS = 3;
    /** Fewest SGD steps before sparse rows get fewer than {@link #MIN_EPOCHS} passes (below 3,000 labels: 5). */
    static final int SPARSE_MIN_STEPS = 15_000;
    /** Largest share of the features non-zero in a mean row for the rows to count as sparse (text: under 1%). */
    static final double SPARSE_DENSITY = 0.05;
    /** Bias given to a class that has no training example (its probability is then about e^-30). */
    static final float ABSENT_CLASS_BIAS = -30f;

    private SparseSoftmaxTrainer() {
    }

    /** The trained weights and the number of passes over the data. */
    public record Result(SoftmaxWeights weights, int epochs) {
    }

    /**
     * Trains on featurised rows {@code x} with class indices {@code y} into {@code classes} classes.
     *
     * @param l2 L2 penalty on the summed log-loss, lambda in sum_i loss_i + (lambda / 2) ||W||^2 (scikit-learn's
     *           C = 1 / lambda); per example that is lambda / n, so one value suits any label count
     */
    public static Result train(List<FeatureBuffer> x, int[] y, int classes, int dimension, double l2, long seed) {
        return train(x, y, classes, dimension, l2, seed, epochs(x, classes, dimension));
    }

    /** As {@link #train(List, int[], int, int, double, long)} with a given number of passes. */
    static Result train(List<FeatureBuffer> x, int[] y, int classes, int dimension, double l2, long seed, int epochs) {
        CompactRows rows = CompactRows.of(x, dimension);
        ClassSlots slots = ClassSlots.of(y, classes);
        int[] slot = slots.slot();
        float[] w = fit(rows, slots.target(), slots.present(), epochs, l2 / x.size(), seed);
        return new Result(rows.toWeights(w, slot, classes, dimension), epochs);
    }

    /**
     * Epochs so that about {@link #WORK} weight updates (1,000 to 30,000 SGD steps) are made, 5 to 50 passes; for
     * sparse rows (a mean row with at most {@link #SPARSE_DENSITY} of the {@code dimension} features non-zero, as
     * TF-IDF texts) at least 3 passes once they make {@link #SPARSE_MIN_STEPS} steps. On the text sets (fortunes,
     * spam, austen, trump tweets; 75/25 splits) 3 passes over 4,400-9,300 labels were as accurate as 5 (within
     * 0.5 points either way, equal or lower log-loss); dense rows keep 5 (MNIST lost 1.2 points with 3).
     */
    static int epochs(List<FeatureBuffer> x, int classes, int dimension) {
        double nonZeros = 0;
        for (FeatureBuffer row : x) {
            for (int i = 0; i < row.size; i++) {
                nonZeros += row.values[i] != 0 ? 1 : 0;
            }
        }
        int n = x.size();
        double perRow = nonZeros / n;
        double steps = Math.max(1000, Math.min(30_000, WORK / Math.max(1, classes * perRow)));
        boolean sparse = perRow <= SPARSE_DENSITY * dimension;
        int fewest = sparse ? (int) Math.max(SPARSE_MIN_EPOCHS, Math.min(MIN_EPOCHS,
                Math.ceil((double) SPARSE_MIN_STEPS / n))) : MIN_EPOCHS;
        return (int) Math.max(fewest, Math.min(50, Math.ceil(steps / n)));
    }

    /**
     * Weights in rows of k (compact features, then the bias row). The weights are floats and the AdaGrad sums
     * of squares doubles, and the gradient is held both as double and float: arrays of different element types
     * cannot alias, which lets the JIT vectorise the per-feature loops over classes (with two double arrays it
     * has to assume they overlap). Probabilities stay within 1e-6 of the all-double computation.
     */
    private static float[] fit(CompactRows rows, int[] target, int k, int epochs, double lambda, long seed) {
        int n = target.length;
        float[] w = new float[(rows.features + 1) * k];
        double[] squares = new double[w.length];
        double[] g = new double[k];
        float[] gf = new float[k];
        int biasBase = rows.features * k;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed).split();
        double decay = Math.pow(Math.max(0, 1 - LEARNING_RATE * lambda), n);
        long steps = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            shuffle(order, rng);
            for (int r : order) {
                residual(rows, r, w, biasBase, k, target[r], g);
                for (int c = 0; c < k; c++) {
                    gf[c] = (float) g[c];
                }
                if (lambda > 0 && ++steps % n == 0) {
                    for (int i = 0; i < w.length; i++) {
                        w[i] = (float) (w[i] * decay);
                    }
                }
                if (SoftmaxWeights.isWide(k)) {
                    for (int e = rows.start[r]; e < rows.start[r + 1]; e++) {
                        adaGrad(w, squares, rows.column[e] * k, g, gf, rows.value[e], k);
                    }
                    adaGrad(w, squares, biasBase, g, gf, 1.0, k);
                } else {
                    adaGradByClass(rows, r, w, squares, biasBase, g, gf, k);
                }
            }
        }
        return w;
    }

    /**
     * g = e_y - softmax(W x + b), the negative gradient of the log-loss with respect to the logits. A wide model
     * adds feature rows of k weights into the k sums; a narrow one sums class by class (see
     * {@link SoftmaxWeights#isWide}). Each class's sum is taken in the same order either way.
     */
    private static void residual(CompactRows rows, int r, float[] w, int biasBase, int k, int y, double[] g) {
        if (SoftmaxWeights.isWide(k)) {
            for (int c = 0; c < k; c++) {
                g[c] = w[biasBase + c];
            }
            for (int e = rows.start[r]; e < rows.start[r + 1]; e++) {
                int base = rows.column[e] * k;
                double v = rows.value[e];
                for (int c = 0; c < k; c++) {
                    g[c] += v * w[base + c];
                }
            }
        } else {
            for (int c = 0; c < k; c++) {
                double z = w[biasBase + c];
                for (int e = rows.start[r]; e < rows.start[r + 1]; e++) {
                    z += rows.value[e] * w[rows.column[e] * k + c];
                }
                g[c] = z;
            }
        }
        SoftmaxWeights.softmaxInPlace(g, k, 1.0);
        for (int c = 0; c < k; c++) {
            g[c] = -g[c];
        }
        g[y] += 1.0;
    }

    /** AdaGrad on the k weights of one feature: G += (g v)^2, w += rate g v / (epsilon + sqrt(G)). */
    private static void adaGrad(float[] w, double[] squares, int base, double[] g, float[] gf, double v, int k) {
        for (int c = 0; c < k; c++) {
            double step = gf[c] * v;
            squares[base + c] += step * step;
        }
        for (int c = 0; c < k; c++) {
            double step = g[c] * v;
            w[base + c] += (float) (LEARNING_RATE * step / (EPSILON + Math.sqrt(squares[base + c])));
        }
    }

    /** {@link #adaGrad} on every feature of row r and the bias, class by class (for narrow models). */
    private static void adaGradByClass(CompactRows rows, int r, float[] w, double[] squares, int biasBase, double[] g,
                                       float[] gf, int k) {
        for (int c = 0; c < k; c++) {
            for (int e = rows.start[r]; e <= rows.start[r + 1]; e++) {
                boolean bias = e == rows.start[r + 1];
                int i = (bias ? biasBase : rows.column[e] * k) + c;
                double v = bias ? 1.0 : rows.value[e];
                double square = gf[c] * v;
                squares[i] += square * square;
                double step = g[c] * v;
                w[i] += (float) (LEARNING_RATE * step / (EPSILON + Math.sqrt(squares[i])));
            }
        }
    }

    /** Fisher-Yates from the end, as Tribuo's {@code AbstractSGDTrainer.shuffleInPlace}. */
    private static void shuffle(int[] order, SplittableRandom rng) {
        for (int i = order.length; i > 1; i--) {
            int j = rng.nextInt(i);
            int t = order[i - 1];
            order[i - 1] = order[j];
            order[j] = t;
        }
    }

}
