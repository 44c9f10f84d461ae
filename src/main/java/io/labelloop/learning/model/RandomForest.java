package io.labelloop.learning.model;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A random forest of classification trees (Breiman 2001) as scikit-learn's {@code RandomForestClassifier} builds it
 * by default: each tree grown on a bootstrap sample, at each node the best Gini split among sqrt(d) columns drawn
 * at random, grown until its leaves are pure (or hold fewer than {@code 2 x minLeaf} draws); a tree's vote is its
 * leaf's class frequencies, the forest's probability their mean over the trees. Every tree is stored in flat
 * arrays: node {@code i} is a leaf when {@code feature[i] < 0}, then {@code left[i]} is the row of its class
 * frequencies in {@code leafValues} (classes floats); otherwise rows with {@code x[feature[i]] <= threshold[i]} go
 * to {@code left[i]}, the others to {@code right[i]}. Immutable once fitted.
 *
 * @param classes    number of classes
 * @param roots      root node of each tree
 * @param feature    split column, or -1 for a leaf
 * @param threshold  split threshold
 * @param left       left child, or a leaf's row in {@code leafValues}
 * @param right      right child (-1 for a leaf)
 * @param leafValues class frequencies of each leaf, row-major (leaves x classes)
 */
public record RandomForest(int classes, int[] roots, int[] feature, float[] threshold, int[] left, int[] right,
                           float[] leafValues) {
    /** Trees in a forest (scikit-learn's default). */
    public static final int DEFAULT_TREES = 100;

    /** Number of trees. */
    public int trees() {
        return roots.length;
    }

    /** Adds tree {@code t}'s class frequencies for {@code x} to {@code out[offset..offset+classes)}. */
    public void addVote(int t, float[] x, double[] out, int offset) {
        int node = roots[t];
        while (feature[node] >= 0) {
            node = x[feature[node]] <= threshold[node] ? left[node] : right[node];
        }
        int row = left[node] * classes;
        for (int c = 0; c < classes; c++) {
            out[offset + c] += leafValues[row + c];
        }
    }

    /** Mean depth of the leaves, weighted equally (the nodes a scoring visits per tree, about). */
    public double meanLeafDepth() {
        long depthSum = 0, leaves = 0;
        int[] stack = new int[64];
        int[] depth = new int[64];
        for (int root : roots) {
            int top = 0;
            stack[top] = root;
            depth[top++] = 0;
            while (top > 0) {
                int node = stack[--top], d = depth[top];
                if (feature[node] < 0) {
                    depthSum += d;
                    leaves++;
                    continue;
                }
                if (top + 2 > stack.length) {
                    stack = Arrays.copyOf(stack, stack.length * 2);
                    depth = Arrays.copyOf(depth, depth.length * 2);
                }
                stack[top] = left[node];
                depth[top++] = d + 1;
                stack[top] = right[node];
                depth[top++] = d + 1;
            }
        }
        return leaves == 0 ? 0 : depthSum / (double) leaves;
    }

    public long approximateBytes() {
        return 96 + 4L * (roots.length + feature.length + threshold.length + left.length + right.length
                + leafValues.length);
    }

    /** A fitted forest and, per training row, the mean vote of the trees that did not draw it (null: none). */
    public record Fit(RandomForest forest, double[][] outOfBag) {
    }

    /**
     * Grows a forest.
     *
     * @param x       dense rows (n x d)
     * @param y       class of each row, 0..classes-1
     * @param minLeaf fewest bootstrap draws in a leaf (1: grown to purity)
     */
    public static Fit fit(float[][] x, int[] y, int classes, int trees, int minLeaf, long seed) {
        int n = x.length, d = n == 0 ? 0 : x[0].length;
        int tries = Math.max(1, (int) Math.sqrt(d));
        Builder b = new Builder(x, y, classes, d, tries, Math.max(1, minLeaf));
        int[] roots = new int[trees];
        double[][] oob = new double[n][];
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] counts = new int[n];
        for (int t = 0; t < trees; t++) {
            Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                counts[rnd.nextInt(n)]++;
            }
            int drawn = 0;
            for (int i = 0; i < n; i++) {
                drawn += counts[i] > 0 ? 1 : 0;
            }
            int[] rows = new int[drawn];
            for (int i = 0, k = 0; i < n; i++) {
                if (counts[i] > 0) {
                    rows[k++] = i;
                }
            }
            roots[t] = b.grow(rows, counts, rnd.split());
            for (int i = 0; i < n; i++) {
                if (counts[i] == 0) {
                    if (oob[i] == null) {
                        oob[i] = new double[classes];
                    }
                    b.addVote(roots[t], x[i], oob[i]);
                }
            }
        }
        for (double[] v : oob) {
            if (v != null) {
                normalise(v);
            }
        }
        return new Fit(b.build(roots), oob);
    }

    private static void normalise(double[] v) {
        double s = 0;
        for (double a : v) {
            s += a;
        }
        for (int c = 0; c < v.length; c++) {
            v[c] = s > 0 ? v[c] / s : 1.0 / v.length;
        }
    }

    /** Grows trees into shared growable node arrays. */
    private static final class Builder {
        private final float[][] x;
        private final int[] y;
        private final int classes, d, tries, minLeaf;
        private int[] feature = new int[1024], left = new int[1024], right = new int[1024];
        private float[] threshold = new float[1024];
        private float[] leafValues = new float[1024];
        private int nodes, leaves;
        private final int[] columns;
        private long[] keys = new long[16];

        Builder(float[][] x, int[] y, int classes, int d, int tries, int minLeaf) {
            this.x = x;
            this.y = y;
            this.classes = classes;
            this.d = d;
            this.tries = tries;
            this.minLeaf = minLeaf;
            this.columns = new int[d];
            for (int j = 0; j < d; j++) {
                columns[j] = j;
            }
        }

        void addVote(int node, float[] row, double[] out) {
            while (feature[node] >= 0) {
                node = row[feature[node]] <= threshold[node] ? left[node] : right[node];
            }
            for (int c = 0; c < classes; c++) {
                out[c] += leafValues[left[node] * classes + c];
            }
        }

        RandomForest build(int[] roots) {
            return new RandomForest(classes, roots.clone(), Arrays.copyOf(feature, nodes),
                    Arrays.copyOf(threshold, nodes), Arrays.copyOf(left, nodes), Arrays.copyOf(right, nodes),
                    Arrays.copyOf(leafValues, leaves * classes));
        }

        /** Grows one tree over {@code rows} (each drawn {@code weight[row]} times); returns its root. */
        int grow(int[] rows, int[] weight, SplittableRandom rnd) {
            int root = newNode();
            // explicit stack of (node, from, to) over a partition of rows
            int[] stack = new int[96];
            int top = 0;
            stack[top++] = root;
            stack[top++] = 0;
            stack[top++] = rows.length;
            double[] total = new double[classes];
            while (top > 0) {
                int to = stack[--top], from = stack[--top], node = stack[--top];
                Arrays.fill(total, 0);
                int draws = 0;
                for (int i = from; i < to; i++) {
                    total[y[rows[i]]] += weight[rows[i]];
                    draws += weight[rows[i]];
                }
                Split s = pure(total) || draws < 2 * minLeaf ? null : bestSplit(rows, from, to, weight, total, draws, rnd);
                if (s == null) {
                    makeLeaf(node, total, draws);
                    continue;
                }
                int mid = partition(rows, from, to, s.feature, s.threshold);
                feature[node] = s.feature;
                threshold[node] = s.threshold;
                int l = newNode(), r = newNode();
                left[node] = l;
                right[node] = r;
                if (top + 6 > stack.length) {
                    stack = Arrays.copyOf(stack, stack.length * 2);
                }
                stack[top++] = l;
                stack[top++] = from;
                stack[top++] = mid;
                stack[top++] = r;
                stack[top++] = mid;
                stack[top++] = to;
            }
            return root;
        }

        private static boolean pure(double[] total) {
            int nonZero = 0;
            for (double v : total) {
                nonZero += v > 0 ? 1 : 0;
            }
            return nonZero <= 1;
        }

        private record Split(int feature, float threshold) {
        }

        /**
         * The split among {@code tries} random columns that maximises sum over both sides of sum_c count_c^2 / n_side
         * (the Gini decrease); columns constant on the node are skipped and another is drawn, as scikit-learn does.
         */
        private Split bestSplit(int[] rows, int from, int to, int[] weight, double[] total, int draws,
                                SplittableRandom rnd) {
            int m = to - from;
            if (keys.length < m) {
                keys = new long[Math.max(m, keys.length * 2)];
            }
            double[] leftCounts = new double[classes];
            double best = Double.NEGATIVE_INFINITY;
            int bestFeature = -1;
            float bestThreshold = 0;
            int tried = 0;
            for (int k = 0; k < d && tried < tries; k++) {
                int pick = k + rnd.nextInt(d - k);
                int j = columns[pick];
                columns[pick] = columns[k];
                columns[k] = j;
                for (int i = 0; i < m; i++) {
                    int row = rows[from + i];
                    keys[i] = ((long) sortable(x[row][j]) << 32) | (i & 0xffffffffL);
                }
                Arrays.sort(keys, 0, m);
                float lo = x[rows[from + (int) keys[0]]][j], hi = x[rows[from + (int) keys[m - 1]]][j];
                if (!(hi > lo)) {
                    continue;
                }
                tried++;
                Arrays.fill(leftCounts, 0);
                double sqLeft = 0, sqRight = 0;
                for (double v : total) {
                    sqRight += v * v;
                }
                int nLeft = 0;
                for (int i = 0; i < m - 1; i++) {
                    int row = rows[from + (int) keys[i]];
                    int c = y[row], w = weight[row];
                    double cl = leftCounts[c], cr = total[c] - cl;
                    sqLeft += (cl + w) * (cl + w) - cl * cl;
                    sqRight += (cr - w) * (cr - w) - cr * cr;
                    leftCounts[c] = cl + w;
                    nLeft += w;
                    float v = x[row][j], next = x[rows[from + (int) keys[i + 1]]][j];
                    if (!(next > v) || nLeft < minLeaf || draws - nLeft < minLeaf) {
                        continue;
                    }
                    double score = sqLeft / nLeft + sqRight / (draws - nLeft);
                    if (score > best + 1e-12) {
                        best = score;
                        bestFeature = j;
                        float t = (float) ((v + (double) next) / 2);
                        bestThreshold = t < next ? t : v;
                    }
                }
            }
            return bestFeature < 0 ? null : new Split(bestFeature, bestThreshold);
        }

        private static int sortable(float v) {
            int bits = Float.floatToIntBits(v);
            return bits >= 0 ? bits : bits ^ 0x7fffffff;
        }

        private int partition(int[] rows, int from, int to, int j, float t) {
            int i = from, k = to - 1;
            while (i <= k) {
                if (x[rows[i]][j] <= t) {
                    i++;
                } else {
                    int tmp = rows[i];
                    rows[i] = rows[k];
                    rows[k--] = tmp;
                }
            }
            return i;
        }

        private void makeLeaf(int node, double[] total, int draws) {
            if ((leaves + 1) * classes > leafValues.length) {
                leafValues = Arrays.copyOf(leafValues, Math.max((leaves + 1) * classes, leafValues.length * 2));
            }
            for (int c = 0; c < classes; c++) {
                leafValues[leaves * classes + c] = (float) (total[c] / draws);
            }
            feature[node] = -1;
            left[node] = leaves++;
            right[node] = -1;
        }

        private int newNode() {
            if (nodes == feature.length) {
                int size = nodes * 2;
                feature = Arrays.copyOf(feature, size);
                left = Arrays.copyOf(left, size);
                right = Arrays.copyOf(right, size);
                threshold = Arrays.copyOf(threshold, size);
            }
            return nodes++;
        }
    }
}
