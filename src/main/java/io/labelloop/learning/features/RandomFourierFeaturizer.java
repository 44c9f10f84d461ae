package io.labelloop.learning.features;

import io.labelloop.learning.FeaturizerParameters;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Random Fourier features of an RBF kernel k(x, x') = exp(-gamma |x - x'|^2) over another featurizer's output
 * (Rahimi &amp; Recht 2007): z_j(x) = s cos(w_j . x + b_j), w_j ~ N(0, 2 gamma I), b_j ~ U[0, 2 pi), so that
 * z(x) . z(x') / D approximates the kernel and a linear model on z is an approximate kernel machine. Sparse or
 * wide inputs are first folded into {@value #HASHED_INPUT} columns by signed feature hashing (Weinberger et al.
 * 2009), which keeps inner products in expectation. gamma follows the median heuristic: 1 / (median squared
 * distance between fitted items) times {@code bandwidthFactor}. The random weights are regenerated from the
 * seed on load (java.util.Random is specified), so the stored form is small.
 */
public final class RandomFourierFeaturizer implements Featurizer {
    /** Sparse inputs (text) are hashed down to this many columns. */
    public static final int HASHED_INPUT = 256;
    /** Widest dense input used as is; wider inputs are hashed down too. */
    public static final int MAX_DENSE_INPUT = 2048;
    private static final int MEDIAN_SAMPLE = 200;
    /**
     * Mean squared norm the features are scaled to (2 E|z|^2 / D would be the textbook sqrt(2/D) scale): with the
     * same penalty grid as standardised columns, 5 (scale 0.1 at 512 features) beat sqrt(2) and 0.2 per feature.
     */
    private static final double SQUARED_NORM = 5.0;
    private final Featurizer base;
    private final int features;
    private final int input;
    private final boolean hashed;
    private final double gamma;
    private final long seed;
    private final float[] w; // features x input, row-major
    private final float[] b;
    private final float scale;
    private final ThreadLocal<Scratch> scratch;

    private RandomFourierFeaturizer(Featurizer base, int features, boolean hashed, double gamma, long seed) {
        this.base = base;
        this.features = features;
        this.hashed = hashed;
        this.input = hashed ? HASHED_INPUT : base.dimension();
        this.gamma = gamma;
        this.seed = seed;
        this.w = new float[features * input];
        this.b = new float[features];
        Random rnd = new Random(seed);
        double sd = Math.sqrt(2 * gamma);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (rnd.nextGaussian() * sd);
        }
        for (int j = 0; j < features; j++) {
            b[j] = (float) (rnd.nextDouble() * 2 * Math.PI);
        }
        this.scale = (float) Math.sqrt(SQUARED_NORM / features);
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(input));
    }

    /** Fits the bandwidth on {@code encodedItems} as {@code base} featurises them. */
    public static RandomFourierFeaturizer fit(Featurizer base, List<byte[]> encodedItems, int features,
                                              double bandwidthFactor, long seed) {
        FeatureBuffer probe = new FeatureBuffer();
        base.featurize(encodedItems.getFirst(), probe);
        boolean hashed = !probe.dense || base.dimension() > MAX_DENSE_INPUT;
        RandomFourierFeaturizer unit = new RandomFourierFeaturizer(base, 1, hashed, 1.0, seed);
        int n = Math.min(MEDIAN_SAMPLE, encodedItems.size());
        float[][] x = new float[n][];
        for (int i = 0; i < n; i++) {
            x[i] = unit.input(encodedItems.get((int) ((long) i * encodedItems.size() / n))).clone();
        }
        double median = medianSquaredDistance(x);
        double gamma = bandwidthFactor / (median > 1e-12 ? median : 1.0);
        return new RandomFourierFeaturizer(base, features, hashed, gamma, seed);
    }

    static double medianSquaredDistance(float[][] x) {
        int n = x.length;
        double[] d = new double[Math.max(1, n * (n - 1) / 2)];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = 0;
                for (int c = 0; c < x[i].length; c++) {
                    double diff = x[i][c] - x[j][c];
                    s += diff * diff;
                }
                d[k++] = s;
            }
        }
        Arrays.sort(d, 0, Math.max(1, k));
        return k == 0 ? 1.0 : d[k / 2];
    }

    /** The kernel's input for one item: the base features, hashed down when wide or sparse (scratch-owned). */
    private float[] input(byte[] encoded) {
        Scratch s = scratch.get();
        base.featurize(encoded, s.inner);
        FeatureBuffer in = s.inner;
        float[] v = s.folded;
        if (!hashed) {
            Arrays.fill(v, 0f);
            for (int i = 0; i < in.size; i++) {
                v[in.index(i)] = in.values[i];
            }
            return v;
        }
        Arrays.fill(v, 0f);
        for (int i = 0; i < in.size; i++) {
            int h = mix(in.index(i));
            v[(h >>> 1) % HASHED_INPUT] += (h & 1) == 0 ? in.values[i] : -in.values[i];
        }
        return v;
    }

    private static int mix(int index) {
        int h = index * 0x9E3779B1;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        return h ^ h >>> 13;
    }

    @Override
    public long approximateBytes() {
        return 64 + 4L * (w.length + b.length) + base.approximateBytes();
    }

    @Override
    public int dimension() {
        return features;
    }

    @Override
    public void featurize(byte[] encoded, FeatureBuffer out) {
        float[] x = input(encoded);
        out.clearDense(features);
        float[] v = out.values;
        for (int j = 0, row = 0; j < features; j++, row += input) {
            float dot = b[j];
            for (int c = 0; c < input; c++) {
                dot += w[row + c] * x[c];
            }
            v[j] = scale * (float) Math.cos(dot);
        }
    }

    /**
     * Column j is cos(sqrt(2 gamma) g_j . x + b_j) with g_j and b_j drawn from the seed: with the same seed, size and
     * comparable base columns, a refit moves only the bandwidth (fitted on the labelled items) and the base scaling,
     * so column j holds nearly the same feature and the earlier weights are a good start for the solver. Only when
     * every base column keeps its place (numbers, pixels; not a text vocabulary that re-orders the hashed input).
     */
    @Override
    public int[] columnsIn(Featurizer earlier) {
        boolean same = earlier instanceof RandomFourierFeaturizer r && r.seed == seed && r.features == features
                && r.input == input && r.hashed == hashed && sameOrder(base.columnsIn(r.base));
        return same ? java.util.stream.IntStream.range(0, features).toArray() : null;
    }

    private static boolean sameOrder(int[] columns) {
        if (columns == null) {
            return false;
        }
        for (int j = 0; j < columns.length; j++) {
            if (columns[j] != j) {
                return false;
            }
        }
        return true;
    }

    @Override
    public long operationsPerItem() {
        return base.operationsPerItem() + (long) features * (input + COSINE_COST);
    }

    @Override
    public FeaturizerParameters parameters() {
        return new FeaturizerParameters.RandomFourier(base.parameters(), features, input, hashed, gamma, seed, w.clone(),
                b.clone(), scale);
    }

    @Override
    public String describe() {
        return "random Fourier features(" + features + ", RBF gamma=" + String.format(java.util.Locale.ROOT, "%.4g", gamma)
                + (hashed ? ", input hashed to " + HASHED_INPUT : "") + ") of " + base.describe();
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
        Featurizers.write(base, out);
        out.writeInt(features);
        out.writeBoolean(hashed);
        out.writeDouble(gamma);
        out.writeLong(seed);
    }

    static RandomFourierFeaturizer read(DataInputStream in) throws IOException {
        Featurizer base = Featurizers.read(in);
        return new RandomFourierFeaturizer(base, in.readInt(), in.readBoolean(), in.readDouble(), in.readLong());
    }

    private static final class Scratch {
        final FeatureBuffer inner = new FeatureBuffer();
        final float[] folded;

        Scratch(int input) {
            folded = new float[input];
        }
    }
}
