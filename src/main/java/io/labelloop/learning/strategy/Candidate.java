package io.labelloop.learning.strategy;

/**
 * A pool item kept for batch selection.
 *
 * @param itemId    the caller's id
 * @param score     pointwise informativeness (higher = more informative)
 * @param embedding dense feature embedding (see {@link Embeddings})
 * @param residual  p - e_yhat, the per-class factor of the log-loss gradient at the predicted label (BADGE)
 */
public record Candidate(long itemId, double score, float[] embedding, double[] residual) {

    /**
     * Squared distance between gradient embeddings g = residual (x) (x, 1) without forming them:
     * ||g_a - g_b||^2 = |u_a|^2 |x~_a|^2 + |u_b|^2 |x~_b|^2 - 2 (u_a . u_b)(x~_a . x~_b).
     */
    public static double gradientDistance(Candidate a, Candidate b) {
        double ua = dot(a.residual, a.residual), ub = dot(b.residual, b.residual), uab = dot(a.residual, b.residual);
        double xa = Embeddings.dot(a.embedding, a.embedding) + 1, xb = Embeddings.dot(b.embedding, b.embedding) + 1;
        double xab = Embeddings.dot(a.embedding, b.embedding) + 1;
        return Math.max(0, ua * xa + ub * xb - 2 * uab * xab);
    }

    /** Squared norm of the gradient embedding, |u|^2 |x~|^2. */
    public double gradientNormSquared() {
        return dot(residual, residual) * (Embeddings.dot(embedding, embedding) + 1);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
