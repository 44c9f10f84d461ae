package io.labelloop.learning;

/**
 * How {@link ModelTrainer} trains.
 *
 * @param seed             seed for shuffling, folds and bootstraps (fixed default 42)
 * @param crossValidateUpTo choose the L2 penalty and temperature by cross-validation while there are at most
 *                         this many labels; above it, reuse the previous model's choice
 * @param folds            folds of that cross-validation
 * @param reuseUntilGrowth reuse the previous model's penalty and temperature until the label count has grown
 *                         by this factor since they were chosen (1.0 = choose again every time)
 * @param committeeSize    bootstrap members to train for query-by-committee (0 = none)
 */
public record TrainingOptions(long seed, int crossValidateUpTo, int folds, double reuseUntilGrowth, int committeeSize) {
    /** Default seed of every random choice in the learning core. */
    public static final long DEFAULT_SEED = 42L;

    public TrainingOptions {
        if (folds < 2 || reuseUntilGrowth < 1.0 || committeeSize < 0) {
            throw new IllegalArgumentException("invalid training options");
        }
    }

    /** Seed 42, cross-validation (3 folds) up to 2,000 labels, re-chosen every model version, no committee. */
    public static TrainingOptions defaults() {
        return new TrainingOptions(DEFAULT_SEED, 2000, 3, 1.0, 0);
    }

    public TrainingOptions withSeed(long newSeed) {
        return new TrainingOptions(newSeed, crossValidateUpTo, folds, reuseUntilGrowth, committeeSize);
    }

    public TrainingOptions withCommittee(int size) {
        return new TrainingOptions(seed, crossValidateUpTo, folds, reuseUntilGrowth, size);
    }

    public TrainingOptions withReuseUntilGrowth(double factor) {
        return new TrainingOptions(seed, crossValidateUpTo, folds, factor, committeeSize);
    }
}
