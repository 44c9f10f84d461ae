package io.labelloop.learning.strategy;

/** Small helpers over probability vectors shared by the strategies. */
public final class Probabilities {
    private Probabilities() {
    }

    /** Largest and second-largest entries {p(1), p(2)}. */
    public static double[] topTwo(double[] p) {
        double first = Double.NEGATIVE_INFINITY, second = Double.NEGATIVE_INFINITY;
        for (double v : p) {
            if (v > first) {
                second = first;
                first = v;
            } else if (v > second) {
                second = v;
            }
        }
        return new double[]{first, p.length > 1 ? second : 0.0};
    }

    /** Shannon entropy -sum p log p (natural log; 0 log 0 = 0). */
    public static double entropy(double[] p) {
        double h = 0;
        for (double v : p) {
            if (v > 0) {
                h -= v * Math.log(v);
            }
        }
        return h;
    }

    /** Kullback-Leibler divergence KL(p || q) = sum p log(p / q). */
    public static double klDivergence(double[] p, double[] q) {
        double kl = 0;
        for (int k = 0; k < p.length; k++) {
            if (p[k] > 0) {
                kl += p[k] * Math.log(p[k] / Math.max(q[k], 1e-300));
            }
        }
        return kl;
    }

    /** Index of the largest entry (first on ties). */
    public static int argmax(double[] p) {
        return io.labelloop.learning.model.CalibrationError.argmax(p);
    }
}
