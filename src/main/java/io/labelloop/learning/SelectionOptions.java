package io.labelloop.learning;

/**
 * How {@link BatchSelector} picks a batch while streaming a pool in bounded memory.
 *
 * @param batchSize      items to return (b)
 * @param seed           seed of every random choice (fixed default 42)
 * @param topCandidates  most informative items kept while streaming (at least b)
 * @param reservoirSize  uniform reservoir sample kept for the diversity-aware strategies (Vitter 1985)
 * @param densityBeta    exponent beta of {@link StrategyName#DENSITY_WEIGHTED}
 */
public record SelectionOptions(int batchSize, long seed, int topCandidates, int reservoirSize, double densityBeta) {

    public SelectionOptions {
        if (batchSize < 1 || topCandidates < batchSize || reservoirSize < 0) {
            throw new IllegalArgumentException("invalid selection options");
        }
    }

    /** Batch of b, seed 42, keep the top max(10 b, 200) candidates and a 2,000-item reservoir, beta 1. */
    public static SelectionOptions ofBatch(int b) {
        return new SelectionOptions(b, TrainingOptions.DEFAULT_SEED, Math.max(10 * b, 200), 2000, 1.0);
    }

    public SelectionOptions withSeed(long newSeed) {
        return new SelectionOptions(batchSize, newSeed, topCandidates, reservoirSize, densityBeta);
    }
}
