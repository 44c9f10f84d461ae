package io.labelloop.quality.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Agreement between annotators on nominal labels (classes as indexes 0..k-1).
 * <ul>
 * <li>Krippendorff's alpha (nominal): 1 - observed / expected disagreement over the coincidence
 * matrix of pairable values (units with at least two values), any number of annotators, missing
 * values allowed (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability").</li>
 * <li>A bootstrap percentile interval for alpha, resampling units.</li>
 * <li>Cohen's kappa of two annotators on the items both labeled.</li>
 * <li>Per-class (specific) agreement: of the pairable values of class c, the share whose partner is c too.</li>
 * </ul>
 */
public final class AgreementStatistics {

    private AgreementStatistics() {
    }

    /** The coincidence matrix o[c][k] of units with at least two values. */
    static double[][] coincidences(List<int[]> units, int classes) {
        double[][] o = new double[classes][classes];
        for (int[] values : units) {
            int m = values.length;
            if (m < 2) {
                continue;
            }
            int[] count = new int[classes];
            for (int v : values) {
                count[v]++;
            }
            for (int c = 0; c < classes; c++) {
                if (count[c] == 0) {
                    continue;
                }
                for (int k = 0; k < classes; k++) {
                    double pairs = c == k ? count[c] * (count[c] - 1.0) : count[c] * (double) count[k];
                    o[c][k] += pairs / (m - 1);
                }
            }
        }
        return o;
    }

    /** Krippendorff's alpha for nominal data; NaN when there is no pairable value or no variation at all. */
    public static double krippendorffAlpha(List<int[]> units, int classes) {
        double[][] o = coincidences(units, classes);
        double[] nc = new double[classes];
        double n = 0;
        double agree = 0;
        for (int c = 0; c < classes; c++) {
            for (int k = 0; k < classes; k++) {
                nc[c] += o[c][k];
            }
            n += nc[c];
            agree += o[c][c];
        }
        if (n < 2) {
            return Double.NaN;
        }
        double observed = (n - agree) / n;
        double sumSquares = 0;
        for (double x : nc) {
            sumSquares += x * x;
        }
        double expected = (n * n - sumSquares) / (n * (n - 1));
        if (expected == 0) {
            return Double.NaN;
        }
        return 1 - observed / expected;
    }

    /** A percentile bootstrap interval for alpha: units drawn with replacement, {@code rounds} times. */
    public static double[] alphaInterval(List<int[]> units, int classes, int rounds, double level, long seed) {
        List<int[]> pairable = units.stream().filter(u -> u.length >= 2).toList();
        if (pairable.size() < 2) {
            return new double[] {Double.NaN, Double.NaN};
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] alphas = new double[rounds];
        int kept = 0;
        List<int[]> sample = new ArrayList<>(pairable.size());
        for (int r = 0; r < rounds; r++) {
            sample.clear();
            for (int i = 0; i < pairable.size(); i++) {
                sample.add(pairable.get(random.nextInt(pairable.size())));
            }
            double a = krippendorffAlpha(sample, classes);
            if (!Double.isNaN(a)) {
                alphas[kept++] = a;
            }
        }
        if (kept == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double[] sorted = java.util.Arrays.copyOf(alphas, kept);
        java.util.Arrays.sort(sorted);
        double tail = (1 - level) / 2;
        return new double[] {quantile(sorted, tail), quantile(sorted, 1 - tail)};
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** Cohen's kappa of two label sequences over the same items; NaN when chance agreement is 1. */
    public static double cohenKappa(int[] a, int[] b, int classes) {
        int n = a.length;
        if (n == 0) {
            return Double.NaN;
        }
        double[] pa = new double[classes];
        double[] pb = new double[classes];
        double agree = 0;
        for (int i = 0; i < n; i++) {
            pa[a[i]]++;
            pb[b[i]]++;
            if (a[i] == b[i]) {
                agree++;
            }
        }
        double po = agree / n;
        double pe = 0;
        for (int c = 0; c < classes; c++) {
            pe += (pa[c] / n) * (pb[c] / n);
        }
        return pe >= 1 ? Double.NaN : (po - pe) / (1 - pe);
    }

    /** Per class, the share of its pairable values whose partner has the same class (NaN: class never paired). */
    public static double[] perClassAgreement(List<int[]> units, int classes) {
        double[][] o = coincidences(units, classes);
        double[] out = new double[classes];
        for (int c = 0; c < classes; c++) {
            double row = 0;
            for (int k = 0; k < classes; k++) {
                row += o[c][k];
            }
            out[c] = row == 0 ? Double.NaN : o[c][c] / row;
        }
        return out;
    }
}
