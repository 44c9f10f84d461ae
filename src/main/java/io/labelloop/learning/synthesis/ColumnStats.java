package io.labelloop.learning.synthesis;

import java.util.List;

/**
 * Per-column mean, standard deviation, observed range and whether every observed value is a whole number,
 * over the seeds' values (NaN ignored). Whole-number columns (counts, category codes) get whole-number
 * synthetic values, so a made-up item never shows an impossible "2.37 children".
 */
record ColumnStats(double[] mean, double[] sd, float[] min, float[] max, boolean[] whole) {

    static ColumnStats of(List<SynthesisSeed> seeds) {
        int d = seeds.get(0).values().length;
        double[] sum = new double[d], sumSq = new double[d];
        int[] n = new int[d];
        float[] min = new float[d], max = new float[d];
        boolean[] whole = new boolean[d];
        java.util.Arrays.fill(min, Float.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
        java.util.Arrays.fill(whole, true);
        for (SynthesisSeed s : seeds) {
            float[] v = s.values();
            for (int j = 0; j < d; j++) {
                float x = v[j];
                if (!Float.isNaN(x)) {
                    n[j]++;
                    sum[j] += x;
                    sumSq[j] += (double) x * x;
                    min[j] = Math.min(min[j], x);
                    max[j] = Math.max(max[j], x);
                    whole[j] &= x == Math.rint(x);
                }
            }
        }
        double[] mean = new double[d], sd = new double[d];
        for (int j = 0; j < d; j++) {
            mean[j] = n[j] == 0 ? 0 : sum[j] / n[j];
            double var = n[j] == 0 ? 0 : Math.max(0, sumSq[j] / n[j] - mean[j] * mean[j]);
            sd[j] = Math.sqrt(var);
        }
        return new ColumnStats(mean, sd, min, max, whole);
    }

    int columns() {
        return mean.length;
    }

    /** Standardised value (x - mean) / sd, 0 for a missing value or a constant column. */
    float standardised(int j, float x) {
        return Float.isNaN(x) || sd[j] < 1e-12 ? 0f : (float) ((x - mean[j]) / sd[j]);
    }

    /** Clips to the observed [min, max] and rounds whole-number columns; NaN stays NaN. */
    float fit(int j, double x) {
        if (Double.isNaN(x)) {
            return Float.NaN;
        }
        double y = Math.max(min[j], Math.min(max[j], x));
        return (float) (whole[j] ? Math.rint(y) : y);
    }
}
