package io.labelloop.learning.model;

import io.labelloop.learning.features.FeatureBuffer;
import java.util.List;

/**
 * Training rows in compressed sparse row form over compact feature ids: only features that occur, most
 * frequent first, so the weight and AdaGrad arrays are as small as the data allows and the rows most steps
 * touch sit together in cache.
 */
final class CompactRows {
    final int[] start;
    final int[] column;
    final double[] value;
    /** Compact feature id -> featurizer column. */
    final int[] original;
    final int features;

    private CompactRows(int[] start, int[] column, double[] value, int[] original) {
        this.start = start;
        this.column = column;
        this.value = value;
        this.original = original;
        this.features = original.length;
    }

    int size() {
        return start.length - 1;
    }

    static CompactRows of(List<FeatureBuffer> x, int dimension) {
        int[] count = new int[dimension];
        int nonZeros = 0;
        for (FeatureBuffer row : x) {
            for (int m = 0; m < row.size; m++) {
                if (row.values[m] != 0 && row.index(m) < dimension) {
                    count[row.index(m)]++;
                    nonZeros++;
                }
            }
        }
        int[] original = byDescendingCount(count);
        int[] compact = new int[dimension];
        for (int f = 0; f < original.length; f++) {
            compact[original[f]] = f;
        }
        int[] start = new int[x.size() + 1];
        int[] column = new int[nonZeros];
        double[] value = new double[nonZeros];
        int e = 0;
        for (int i = 0; i < x.size(); i++) {
            FeatureBuffer row = x.get(i);
            for (int m = 0; m < row.size; m++) {
                int j = row.index(m);
                if (row.values[m] != 0 && j < dimension) {
                    column[e] = compact[j];
                    value[e++] = row.values[m];
                }
            }
            start[i + 1] = e;
        }
        return new CompactRows(start, column, value, original);
    }

    /** Columns with a non-zero count, most frequent first (ties by column), by a counting sort. */
    private static int[] byDescendingCount(int[] count) {
        int max = 0, present = 0;
        for (int c : count) {
            max = Math.max(max, c);
            present += c > 0 ? 1 : 0;
        }
        int[] firstOfCount = new int[max + 2];
        for (int c : count) {
            if (c > 0) {
                firstOfCount[max - c + 1]++;
            }
        }
        for (int i = 1; i < firstOfCount.length; i++) {
            firstOfCount[i] += firstOfCount[i - 1];
        }
        int[] order = new int[present];
        for (int j = 0; j < count.length; j++) {
            if (count[j] > 0) {
                order[firstOfCount[max - count[j]]++] = j;
            }
        }
        return order;
    }

    /** Weights in rows of k over these compact features (then the bias row) as scoring weights over all classes. */
    SoftmaxWeights toWeights(float[] w, int[] slot, int classes, int dimension) {
        int k = w.length / (features + 1);
        float[] weights = new float[classes * dimension];
        float[] bias = new float[classes];
        for (int c = 0; c < classes; c++) {
            bias[c] = slot[c] < 0 ? SparseSoftmaxTrainer.ABSENT_CLASS_BIAS : w[features * k + slot[c]];
        }
        for (int f = 0; f < features; f++) {
            int j = original[f];
            for (int c = 0; c < classes; c++) {
                if (slot[c] >= 0) {
                    weights[j * classes + c] = w[f * k + slot[c]];
                }
            }
        }
        return new SoftmaxWeights(classes, dimension, weights, bias, 1.0);
    }
}
