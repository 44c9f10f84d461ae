package io.labelloop.learning.model;

/**
 * Limited-memory BFGS (Liu &amp; Nocedal 1989; Nocedal &amp; Wright, "Numerical Optimization", algorithms 7.4 and
 * 7.5) for smooth convex objectives: the two-loop recursion with the initial scaling s'y / y'y, and a backtracking
 * line search on the Armijo condition that tries the unit step first (cubic-free: halving, or the minimiser of the
 * quadratic through f(0), f'(0) and f(a) when that is within [0.1 a, 0.5 a]). A pair whose curvature s'y is not
 * positive is not stored, so the implied inverse Hessian stays positive definite without a Wolfe search.
 */
public final class Lbfgs {
    private static final double ARMIJO = 1e-4;
    private static final int MAX_BACKTRACKS = 40;

    private Lbfgs() {
    }

    /** A differentiable objective. */
    public interface Objective {
        /** f(x); writes the gradient at x into {@code gradient}. */
        double evaluate(double[] x, double[] gradient);
    }

    /**
     * When to stop: max |gradient| at most {@code gradientTolerance}, or a relative decrease of f below
     * {@code relativeTolerance} (f_old - f) / max(|f_old|, |f|, 1), or {@code maxIterations} iterations.
     */
    public record Settings(int maxIterations, double gradientTolerance, double relativeTolerance, int memory) {
    }

    /** Iterations made, objective evaluations, final objective, final max |gradient|, and whether a criterion held. */
    public record Outcome(int iterations, int evaluations, double value, double gradientMax, boolean converged) {
    }

    /** Minimises {@code f} starting from {@code x}, which ends at the solution. */
    public static Outcome minimise(Objective f, double[] x, Settings settings) {
        int n = x.length, m = settings.memory();
        double[][] s = new double[m][], y = new double[m][];
        double[] rho = new double[m], alpha = new double[m];
        double[] spareS = new double[n], spareY = new double[n];
        double[] g = new double[n], gNew = new double[n], d = new double[n], xNew = new double[n];
        double fx = f.evaluate(x, g);
        int evaluations = 1, stored = 0, newest = -1;
        for (int it = 0; it < settings.maxIterations(); it++) {
            double gMax = maxAbs(g);
            if (gMax <= settings.gradientTolerance()) {
                return new Outcome(it, evaluations, fx, gMax, true);
            }
            direction(g, d, s, y, rho, alpha, stored, newest, m);
            double slope = dot(g, d);
            if (!(slope < 0)) {
                stored = 0;
                for (int i = 0; i < n; i++) {
                    d[i] = -g[i];
                }
                slope = dot(g, d);
            }
            double step = stored == 0 ? Math.min(1.0, 1.0 / Math.sqrt(-slope)) : 1.0;
            double fNew = Double.NaN;
            boolean accepted = false;
            for (int b = 0; b < MAX_BACKTRACKS && !accepted; b++) {
                for (int i = 0; i < n; i++) {
                    xNew[i] = x[i] + step * d[i];
                }
                fNew = f.evaluate(xNew, gNew);
                evaluations++;
                accepted = fNew <= fx + ARMIJO * step * slope;
                if (!accepted) {
                    double q = -slope * step * step / (2 * (fNew - fx - slope * step));
                    step = Double.isFinite(q) && q >= 0.1 * step && q <= 0.5 * step ? q : 0.5 * step;
                }
            }
            if (!accepted) {
                return new Outcome(it, evaluations, fx, gMax, false);
            }
            int slot = (newest + 1) % m;
            double[] sk = spareS, yk = spareY;
            double sy = 0;
            for (int i = 0; i < n; i++) {
                sk[i] = xNew[i] - x[i];
                yk[i] = gNew[i] - g[i];
                sy += sk[i] * yk[i];
            }
            if (sy > 1e-12 * Math.sqrt(dot(sk, sk) * dot(yk, yk))) {
                spareS = s[slot] == null ? new double[n] : s[slot];
                spareY = y[slot] == null ? new double[n] : y[slot];
                s[slot] = sk;
                y[slot] = yk;
                rho[slot] = 1 / sy;
                newest = slot;
                stored = Math.min(m, stored + 1);
            }
            double decrease = (fx - fNew) / Math.max(Math.max(Math.abs(fx), Math.abs(fNew)), 1.0);
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            fx = fNew;
            if (decrease <= settings.relativeTolerance()) {
                return new Outcome(it + 1, evaluations, fx, maxAbs(g), true);
            }
        }
        return new Outcome(settings.maxIterations(), evaluations, fx, maxAbs(g), maxAbs(g) <= settings.gradientTolerance());
    }

    /** d = -H g by the two-loop recursion over the stored pairs, newest first. */
    private static void direction(double[] g, double[] d, double[][] s, double[][] y, double[] rho, double[] alpha,
                                  int stored, int newest, int m) {
        int n = g.length;
        for (int i = 0; i < n; i++) {
            d[i] = -g[i];
        }
        for (int j = 0; j < stored; j++) {
            int p = Math.floorMod(newest - j, m);
            alpha[p] = rho[p] * dot(s[p], d);
            axpy(-alpha[p], y[p], d);
        }
        if (stored > 0) {
            double[] yn = y[newest];
            double gamma = 1 / (rho[newest] * dot(yn, yn));
            for (int i = 0; i < n; i++) {
                d[i] *= gamma;
            }
        }
        for (int j = stored - 1; j >= 0; j--) {
            int p = Math.floorMod(newest - j, m);
            double beta = rho[p] * dot(y[p], d);
            axpy(alpha[p] - beta, s[p], d);
        }
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static double maxAbs(double[] v) {
        double max = 0;
        for (double e : v) {
            max = Math.max(max, Math.abs(e));
        }
        return max;
    }
}
