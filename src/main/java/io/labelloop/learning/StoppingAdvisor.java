package io.labelloop.learning;

import java.util.ArrayList;
import java.util.List;

/**
 * Stabilising-predictions stopping rule (Bloodgood &amp; Vijay-Shanker 2009, "A Method for Stopping Active
 * Learning Based on Stabilizing Predictions"): Cohen's kappa (Cohen 1960) between successive model
 * versions' predictions on a fixed, unlabelled stop set; stop when the mean over the last 3 is &ge; 0.99.
 */
public final class StoppingAdvisor {
    /** Kappa agreement that counts as stable. */
    public static final double THRESHOLD = 0.99;
    /** Number of most recent kappas averaged. */
    public static final int WINDOW = 3;

    private StoppingAdvisor() {
    }

    /**
     * @param predictionsPerRound predicted labels on the same stop set (same order), one list per model version,
     *                            oldest first
     */
    public static StoppingAdvice advise(List<List<String>> predictionsPerRound) {
        List<Double> kappas = new ArrayList<>();
        for (int r = 1; r < predictionsPerRound.size(); r++) {
            kappas.add(cohensKappa(predictionsPerRound.get(r - 1), predictionsPerRound.get(r)));
        }
        if (kappas.size() < WINDOW) {
            return new StoppingAdvice(kappas, Double.NaN, false,
                    "need " + (WINDOW + 1) + " model versions to judge stability, have " + predictionsPerRound.size());
        }
        double mean = kappas.subList(kappas.size() - WINDOW, kappas.size()).stream()
                .mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        boolean stop = mean >= THRESHOLD;
        return new StoppingAdvice(kappas, mean, stop, String.format(
                "mean kappa over the last %d rounds is %.4f (%s %.2f)", WINDOW, mean, stop ? ">=" : "<", THRESHOLD));
    }

    /** Cohen's kappa = (p_o - p_e) / (1 - p_e); 1 when both label everything identically with one class. */
    public static double cohensKappa(List<String> a, List<String> b) {
        if (a.size() != b.size() || a.isEmpty()) {
            throw new IllegalArgumentException("predictions must be on the same non-empty stop set");
        }
        java.util.Map<String, int[]> counts = new java.util.HashMap<>();
        int agree = 0;
        for (int i = 0; i < a.size(); i++) {
            agree += a.get(i).equals(b.get(i)) ? 1 : 0;
            counts.computeIfAbsent(a.get(i), k -> new int[2])[0]++;
            counts.computeIfAbsent(b.get(i), k -> new int[2])[1]++;
        }
        double n = a.size();
        double po = agree / n;
        double pe = 0;
        for (int[] c : counts.values()) {
            pe += (c[0] / n) * (c[1] / n);
        }
        return pe >= 1.0 ? 1.0 : (po - pe) / (1 - pe);
    }
}
