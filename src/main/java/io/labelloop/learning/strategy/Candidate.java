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
        return gradientDistance(a.residualNormSquared(), a.embeddingNormSquared(), b.residualNormSquared(),
                b.embeddingNormSquared(), a.residualDot(b), Embeddings.dot(a.embedding, b.embedding));
    }

    /**
     * The same from the parts: |u_a|^2, |x_a|^2, |u_b|^2, |x_b|^2, u_a . u_b and x_a . x_b (x without the
     * bias 1, which is added here), for callers that keep the squared norms.
     */
    public static double gradientDistance(double uaa, double xaa, double ubb, double xbb, double uab, double xab) {
        return Math.max(0, uaa * (xaa + 1) + ubb * (xbb + 1) - 2 * uab * (xab + 1));
    }

    /** |x|^2 of the feature embedding (without the bias). */
    public double embeddingNormSquared() {
        return Embeddings.dot(embedding, embedding);
    }

    /** |u|^2 of the residual. */
    public double residualNormSquared() {
        return dot(residual, residual);
    }

    /** u . u' of the two residuals. */
    public double residualDot(Candidate other) {
        return dot(residual, other.residual);
    }

    /** Squared norm of the gradient embedding, |u|^2 |x~|^2. */
    public double gradientNormSquared() {
        return residualNormSquared() * (embeddingNormSquared() + 1);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
