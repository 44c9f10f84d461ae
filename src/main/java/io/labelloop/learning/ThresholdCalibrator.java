package io.labelloop.learning;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Certified auto-label thresholds by Learn-then-Test (Angelopoulos, Bates, Candes, Jordan &amp; Lei 2021,
 * "Learn then Test: Calibrating Predictive Algorithms to Achieve Risk Control"). For each class c, candidate
 * thresholds are the holdout confidences of items predicted c, scanned from high to low (fixed-sequence
 * testing), starting at the first threshold with enough items that zero errors could be certified (this
 * start depends on the confidences only, not on the labels, so the p-values stay valid). At threshold t with n items predicted c at confidence &ge; t and e of them wrong, the null
 * "error rate &gt; 1 - alpha" is rejected when the binomial tail P(Bin(n, 1 - alpha) &le; e) &le; delta / K
 * (Bonferroni over the K classes). The scan stops at the first non-rejection; the last rejected t is the
 * class threshold. Then, with probability &ge; 1 - delta, every class's auto-labelled error rate is at most
 * 1 - alpha, and so is the overall one.
 */
public final class ThresholdCalibrator {
    /** Default delta: 95% confidence. */
    public static final double DEFAULT_DELTA = 0.05;

    private ThresholdCalibrator() {
    }

    /** Thresholds from a model's holdout predictions. */
    public static AutoLabelThresholds calibrate(LabelModel model, java.util.List<byte[]> holdoutItems,
                                                java.util.List<String> holdoutLabels, double targetAccuracy) {
        LabelModel.ItemScorer scorer = model.scorer();
        double[][] p = new double[holdoutItems.size()][];
        int[] y = new int[holdoutItems.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = scorer.probabilities(holdoutItems.get(i));
            y[i] = model.classes().indexOf(holdoutLabels.get(i));
        }
        return calibrate(model.classes(), p, y, targetAccuracy, DEFAULT_DELTA);
    }

    /**
     * @param probabilities holdout probability rows in {@code classes} order
     * @param trueClass     true class index per row (-1 for a class the model does not know: always an error)
     */
    public static AutoLabelThresholds calibrate(java.util.List<String> classes, double[][] probabilities,
                                                int[] trueClass, double targetAccuracy, double delta) {
        int k = classes.size();
        double risk = 1 - targetAccuracy;
        // Two certified candidates, each at delta/2: per-class thresholds (Bonferroni over classes) and one
        // global threshold (a single fixed-sequence scan, which needs far fewer holdout labels when classes
        // are many). By the union bound both certificates hold together with probability >= 1 - delta,
        // so keeping the one that covers more holdout items keeps the guarantee.
        double half = k == 1 ? delta : delta / 2; // with one class both candidates are the same test
        double perClassDelta = half / k;
        int needed = (int) Math.ceil(Math.log(half) / Math.log(targetAccuracy));
        Map<String, Double> thresholds = new LinkedHashMap<>();
        int n = probabilities.length;
        int[] predicted = new int[n];
        double[] confidence = new double[n];
        for (int i = 0; i < n; i++) {
            predicted[i] = io.labelloop.learning.strategy.Probabilities.argmax(probabilities[i]);
            confidence[i] = probabilities[i][predicted[i]];
        }
        for (int c = 0; c < k; c++) {
            double t = scanClass(c, predicted, confidence, trueClass, risk, perClassDelta);
            if (!Double.isNaN(t)) {
                thresholds.put(classes.get(c), t);
            }
        }
        double global = scanClass(ALL_CLASSES, predicted, confidence, trueClass, risk, half);
        if (!Double.isNaN(global) && coverage(global, confidence) > coverage(thresholds, classes, predicted, confidence)) {
            thresholds.clear();
            for (String c : classes) {
                thresholds.put(c, global);
            }
        }
        int covered = 0, wrong = 0;
        for (int i = 0; i < n; i++) {
            Double t = thresholds.get(classes.get(predicted[i]));
            if (t != null && confidence[i] >= t) {
                covered++;
                wrong += predicted[i] == trueClass[i] ? 0 : 1;
            }
        }
        boolean enough = !thresholds.isEmpty();
        String message = enough
                ? String.format("auto-labels %.1f%% of holdout items at %.2f target accuracy (95%% confidence)",
                100.0 * covered / n, targetAccuracy)
                : String.format("not enough holdout labels: certifying accuracy %.3f needs at least %d correct "
                + "holdout predictions of one class above the threshold, have %d holdout labels", targetAccuracy,
                needed, n);
        return new AutoLabelThresholds(enough, thresholds, targetAccuracy, delta, n == 0 ? 0 : covered / (double) n,
                covered == 0 ? 0 : wrong / (double) covered, n, message);
    }

    /** Scans every holdout prediction at once (the global threshold) instead of one class's. */
    private static final int ALL_CLASSES = -1;

    private static int coverage(double threshold, double[] confidence) {
        return (int) java.util.Arrays.stream(confidence).filter(x -> x >= threshold).count();
    }

    private static int coverage(Map<String, Double> thresholds, java.util.List<String> classes, int[] predicted,
                                double[] confidence) {
        int covered = 0;
        for (int i = 0; i < predicted.length; i++) {
            Double t = thresholds.get(classes.get(predicted[i]));
            covered += t != null && confidence[i] >= t ? 1 : 0;
        }
        return covered;
    }

    /**
     * Fixed-sequence Learn-then-Test scan of one class's predictions (or all, {@link #ALL_CLASSES}):
     * from the highest confidence down, a threshold is certified while the binomial tail rejects
     * "error above the risk" at level delta; the lowest certified threshold is returned (NaN if none).
     */
    private static double scanClass(int c, int[] predicted, double[] confidence, int[] trueClass, double risk,
                                    double delta) {
        double[] conf = java.util.stream.IntStream.range(0, predicted.length)
                .filter(i -> c == ALL_CLASSES || predicted[i] == c)
                .mapToDouble(i -> confidence[i]).distinct().sorted().toArray();
        double certified = Double.NaN;
        int minimum = (int) Math.ceil(Math.log(delta) / Math.log1p(-risk));
        for (int j = conf.length - 1; j >= 0; j--) {
            double t = conf[j];
            int n = 0, errors = 0;
            for (int i = 0; i < predicted.length; i++) {
                if ((c == ALL_CLASSES || predicted[i] == c) && confidence[i] >= t) {
                    n++;
                    errors += trueClass[i] == predicted[i] ? 0 : 1;
                }
            }
            if (n < minimum) {
                continue; // the sequence starts where a rejection is possible; this depends on confidences only
            }
            if (binomialCdf(errors, n, risk) > delta) {
                break;
            }
            certified = t;
        }
        return certified;
    }

    /**
     * The fewest holdout items above the threshold with which {@link #calibrate} can certify
     * {@code targetAccuracy} when {@code errors} of them are wrong: the single global scan at delta/2, the
     * candidate that needs the fewest (a per-class threshold needs at least as many items of its class).
     * With no error this is ceil(log(delta/2) / log(target)): 36 for 0.90, 72 for 0.95.
     */
    public static int holdoutNeeded(double targetAccuracy, int errors) {
        double risk = 1 - targetAccuracy;
        double level = DEFAULT_DELTA / 2;
        int n = (int) Math.ceil(Math.log(level) / Math.log1p(-risk));
        while (binomialCdf(errors, Math.max(n, errors), risk) > level) {
            n++;
        }
        return Math.max(n, errors);
    }

    /**
     * The fewest holdout items above the threshold that still certify {@code targetAccuracy} when a share
     * {@code errorShare} of them is wrong (e.g. half the allowed error rate), or -1 above {@code limit}.
     */
    public static int holdoutNeededAtErrorShare(double targetAccuracy, double errorShare, int limit) {
        double risk = 1 - targetAccuracy;
        double level = DEFAULT_DELTA / 2;
        int low = holdoutNeeded(targetAccuracy, 0);
        if (errorShare <= 0) {
            return low;
        }
        if (binomialCdf((int) Math.floor(limit * errorShare), limit, risk) > level) {
            return -1;
        }
        int high = limit;
        while (low < high) { // the tail shrinks as n grows at a fixed share; binary search to the first n that passes
            int mid = (low + high) >>> 1;
            if (binomialCdf((int) Math.floor(mid * errorShare), mid, risk) <= level) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    /** P(X &le; e) for X ~ Binomial(n, q), summed in log space. */
    public static double binomialCdf(int e, int n, double q) {
        double total = 0;
        double logC = 0; // log C(n, x), updated term by term
        for (int x = 0; x <= e; x++) {
            if (x > 0) {
                logC += Math.log(n - x + 1) - Math.log(x);
            }
            total += Math.exp(logC + x * Math.log(q) + (n - x) * Math.log1p(-q));
        }
        return Math.min(1.0, total);
    }

}
