package io.labelloop.learning;

/**
 * The query strategies a project can choose (names as in the API contract).
 * {@link #recommendedDefault()} is the one that wins the label-efficiency benchmark across datasets.
 */
public enum StrategyName {
    RANDOM,
    LEAST_CONFIDENCE,
    MARGIN,
    ENTROPY,
    VOTE_ENTROPY,
    CONSENSUS_KL,
    EXPECTED_GRADIENT_LENGTH,
    DENSITY_WEIGHTED,
    CORESET,
    UNCERTAINTY_DIVERSITY;

    /** Whether the model must be trained with a bootstrap committee ({@code TrainingOptions.withCommittee}). */
    public boolean needsCommittee() {
        return this == VOTE_ENTROPY || this == CONSENSUS_KL;
    }

    /** The service's best general choice, used when a project names no strategy. */
    public static StrategyName recommendedDefault() {
        return UNCERTAINTY_DIVERSITY;
    }
}
