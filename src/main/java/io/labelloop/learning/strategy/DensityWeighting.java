package io.labelloop.learning.strategy;

/**
 * Information density (Settles &amp; Craven 2008, "An Analysis of Active Learning Strategies for Sequence
 * Labeling Tasks"): score = uncertainty(x) * (mean similarity of x to the pool)^beta. With similarity
 * sim(x, u) = (1 + cos(x, u)) / 2, the mean over the pool U is exactly (1 + x^ . m) / 2 where m is the mean
 * of the pool's unit vectors, so it costs one pass and O(d) per item (linear in pool size).
 */
public final class DensityWeighting {
    /** Default exponent beta. */
    public static final double DEFAULT_BETA = 1.0;
    private final float[] sumOfUnitVectors;
    private long count;

    public DensityWeighting(int dimension) {
        this.sumOfUnitVectors = new float[dimension];
    }

    /** Adds a pool item's embedding to the running mean of unit vectors. */
    public void add(float[] embedding) {
        double norm = Math.sqrt(Embeddings.dot(embedding, embedding));
        if (norm > 0) {
            for (int i = 0; i < embedding.length; i++) {
                sumOfUnitVectors[i] += (float) (embedding[i] / norm);
            }
        }
        count++;
    }

    /** Mean similarity (1 + cos) / 2 of {@code embedding} to the pool seen so far, in [0, 1]. */
    public double density(float[] embedding) {
        double norm = Math.sqrt(Embeddings.dot(embedding, embedding));
        if (count == 0 || norm == 0) {
            return 0.5;
        }
        return (1 + Embeddings.dot(embedding, sumOfUnitVectors) / (norm * count)) / 2;
    }

    public static double weighted(double uncertainty, double density, double beta) {
        return uncertainty * Math.pow(density, beta);
    }
}
