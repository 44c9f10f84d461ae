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

    /**
     * 1 - p(1), summed over the other classes rather than subtracted from 1. Where the model is sure, p(1) rounds to
     * exactly 1.0 while the others are still as small as 1e-300, so 1 - p(1) would tie the whole confident part of
     * the pool at 0; the sum keeps ranking it by how sure the model is.
     */
    public static double doubt(double[] p) {
        int top = argmax(p);
        double rest = 0;
        for (int k = 0; k < p.length; k++) {
            if (k != top) {
                rest += p[k];
            }
        }
        return rest;
    }

    /**
     * Shannon entropy -sum p log p (natural log; 0 log 0 = 0), with the top class's term taken as
     * -p(1) log1p(-{@link #doubt}) so that it stays right where p(1) rounds to 1.0.
     */
    public static double entropy(double[] p) {
        if (p.length == 0) {
            return 0;
        }
        int top = argmax(p);
        double h = 0;
        double rest = 0;
        for (int k = 0; k < p.length; k++) {
            if (k != top && p[k] > 0) {
                h -= p[k] * Math.log(p[k]);
                rest += p[k];
            }
        }
        return h - p[top] * Math.log1p(-Math.min(rest, 1.0));
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
