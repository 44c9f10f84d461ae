package io.labelloop.learning.features;

import io.labelloop.learning.FeaturizerParameters;
import io.labelloop.learning.model.RandomForest;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * A random forest over another featurizer's columns, as columns for the logistic head: block 0 holds
 * ln(p_c + {@value #EPSILON}) for each class c, p the forest's probability (the mean over its trees of their
 * leaves' class frequencies); with a committee, block g (1..groups) holds the same over the trees t with
 * t mod groups = g - 1, a member of the committee reading only its block. The head on block 0 is the identity
 * divided by a temperature, so the model's probability is p^(1/T) renormalised: the forest calibrated by
 * temperature scaling on its out-of-bag votes. Unlike the other featurizers this one is supervised: it is fitted
 * on labelled items ({@link #fit}).
 */
public final class ForestFeaturizer implements Featurizer {
    /** Added to each probability before the log, so a class no leaf voted for keeps a finite logit. */
    public static final double EPSILON = 1e-3;
    /**
     * Multiply-adds one visited node costs when a pool is scored: a compare and a dependent load that mostly misses
     * the cache. Measured on the TABULAR throughput workload (50 columns, 3 classes, 10,000 labels): 20.7 us an
     * item for 100 trees of mean leaf depth about 12, about 17 ns a node, where the linear and kernel models score
     * at about 0.5 ns a multiply-add (bench/training-time.sh).
     */
    public static final int NODE_COST = 32;
    private final Featurizer base;
    private final RandomForest forest;
    private final int groups;
    private final double meanDepth;
    private final ThreadLocal<Scratch> scratch;

    public ForestFeaturizer(Featurizer base, RandomForest forest, int groups) {
        this.base = base;
        this.forest = forest;
        this.groups = groups;
        this.meanDepth = forest.meanLeafDepth();
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(base.dimension(), forest.classes() * (1 + groups)));
    }

    /** The fitted forest and each labelled row's out-of-bag probabilities (see {@link RandomForest#fit}). */
    public record Fitted(ForestFeaturizer featurizer, double[][] outOfBag) {
    }

    /**
     * Fits {@code base}'s columns of {@code items} (labels {@code y}, {@code classes} classes) with a forest of
     * {@code trees} trees; {@code groups} committee blocks (0: none).
     */
    public static Fitted fit(Featurizer base, List<byte[]> items, int[] y, int classes, int trees, int groups,
                             long seed) {
        float[][] x = new float[items.size()][];
        FeatureBuffer buffer = new FeatureBuffer();
        for (int i = 0; i < x.length; i++) {
            x[i] = dense(base, items.get(i), buffer, new float[base.dimension()]);
        }
        RandomForest.Fit f = RandomForest.fit(x, y, classes, trees, minLeaf(items.size()), seed);
        return new Fitted(new ForestFeaturizer(base, f.forest(), groups), f.outOfBag());
    }

    /**
     * Fewest bootstrap draws per leaf: 1 (grown to purity, scikit-learn's default) up to 2,000 labels, then
     * n / 2,000 so a tree keeps at most about 2,000 leaves (the model's memory stays bounded as labels grow).
     */
    static int minLeaf(int n) {
        return Math.max(1, n / 2000);
    }

    private static float[] dense(Featurizer base, byte[] item, FeatureBuffer buffer, float[] into) {
        base.featurize(item, buffer);
        Arrays.fill(into, 0f);
        for (int i = 0; i < buffer.size; i++) {
            into[buffer.index(i)] = buffer.values[i];
        }
        return into;
    }

    public int classes() {
        return forest.classes();
    }

    @Override
    public int dimension() {
        return forest.classes() * (1 + groups);
    }

    @Override
    public void featurize(byte[] encoded, FeatureBuffer out) {
        Scratch s = scratch.get();
        float[] x = dense(base, encoded, s.inner, s.row);
        double[] votes = s.votes;
        Arrays.fill(votes, 0);
        int k = forest.classes(), trees = forest.trees();
        for (int t = 0; t < trees; t++) {
            forest.addVote(t, x, votes, 0);
            if (groups > 0) {
                forest.addVote(t, x, votes, k * (1 + t % groups));
            }
        }
        out.clearDense(dimension());
        for (int g = 0; g <= groups; g++) {
            double sum = 0;
            for (int c = 0; c < k; c++) {
                sum += votes[g * k + c];
            }
            for (int c = 0; c < k; c++) {
                double p = sum > 0 ? votes[g * k + c] / sum : 1.0 / k;
                out.values[g * k + c] = (float) Math.log(p + EPSILON);
            }
        }
    }

    /** The columns of a probability vector {@code p} (out-of-bag votes), as block 0 of {@link #featurize}. */
    public static double[] logits(double[] p) {
        double[] z = new double[p.length];
        for (int c = 0; c < p.length; c++) {
            z[c] = Math.log(p[c] + EPSILON);
        }
        return z;
    }

    /**
     * Multiply-adds to score one item with a forest over {@code base} fitted on {@code labels} items, before it is
     * grown: a tree's leaves are about labels / minLeaf, so a scoring visits about log2 of that nodes per tree.
     */
    public static double estimatedOperations(Featurizer base, int labels, int classes) {
        double depth = Math.log(Math.max(2.0, labels / (double) minLeaf(labels))) / Math.log(2) + 1;
        return base.operationsPerItem() + RandomForest.DEFAULT_TREES * (depth * NODE_COST + classes)
                + (double) classes * classes;
    }

    @Override
    public long operationsPerItem() {
        return base.operationsPerItem() + Math.round(forest.trees() * (meanDepth + 1) * NODE_COST * (groups > 0 ? 2 : 1))
                + (long) forest.trees() * forest.classes();
    }

    @Override
    public FeaturizerParameters parameters() {
        return new FeaturizerParameters.Forest(base.parameters(), forest.classes(), groups, EPSILON,
                forest.roots().clone(), forest.feature().clone(), forest.threshold().clone(), forest.left().clone(),
                forest.right().clone(), forest.leafValues().clone());
    }

    @Override
    public String describe() {
        return String.format(java.util.Locale.ROOT, "random forest(%d trees, %d nodes, mean leaf depth %.1f) of %s",
                forest.trees(), forest.feature().length, meanDepth, base.describe());
    }

    @Override
    public long approximateBytes() {
        return 64 + forest.approximateBytes() + base.approximateBytes();
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
        Featurizers.write(base, out);
        out.writeInt(forest.classes());
        out.writeInt(groups);
        writeInts(out, forest.roots());
        writeInts(out, forest.feature());
        writeFloats(out, forest.threshold());
        writeInts(out, forest.left());
        writeInts(out, forest.right());
        writeFloats(out, forest.leafValues());
    }

    static ForestFeaturizer read(DataInputStream in) throws IOException {
        Featurizer base = Featurizers.read(in);
        int classes = in.readInt(), groups = in.readInt();
        int[] roots = readInts(in), feature = readInts(in);
        float[] threshold = readFloats(in);
        int[] left = readInts(in), right = readInts(in);
        float[] leafValues = readFloats(in);
        return new ForestFeaturizer(base, new RandomForest(classes, roots, feature, threshold, left, right, leafValues),
                groups);
    }

    private static void writeInts(DataOutputStream out, int[] a) throws IOException {
        out.writeInt(a.length);
        for (int v : a) {
            out.writeInt(v);
        }
    }

    /** Floats as their IEEE 754 bits, so one int reader serves both. */
    private static void writeFloats(DataOutputStream out, float[] a) throws IOException {
        int[] bits = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            bits[i] = Float.floatToRawIntBits(a[i]);
        }
        writeInts(out, bits);
    }

    private static int[] readInts(DataInputStream in) throws IOException {
        int[] a = new int[in.readInt()];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readInt();
        }
        return a;
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        int[] bits = readInts(in);
        float[] a = new float[bits.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = Float.intBitsToFloat(bits[i]);
        }
        return a;
    }

    private static final class Scratch {
        final FeatureBuffer inner = new FeatureBuffer();
        final float[] row;
        final double[] votes;

        Scratch(int inputs, int columns) {
            row = new float[inputs];
            votes = new double[columns];
        }
    }
}
