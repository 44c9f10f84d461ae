package io.labelloop.learning;

/**
 * The query strategies a project can choose (names as in the API contract). Each is implemented by
 * {@link BatchSelector}; the formulas are in the Javadoc of the classes in the {@code strategy} package.
 * {@link #recommendedDefault()} is the one that wins the label-efficiency benchmark across datasets
 * ({@code docs/label-efficiency.md}).
 */
public enum StrategyName {
    /** Uniform random sample (the passive baseline). */
    RANDOM,
    /** 1 - p(1) (Lewis &amp; Gale 1994). */
    LEAST_CONFIDENCE,
    /** Smallest p(1) - p(2) (Scheffer et al. 2001). */
    MARGIN,
    /** -sum p log p (Settles &amp; Craven 2008). */
    ENTROPY,
    /** Entropy of the bootstrap committee's votes (Dagan &amp; Engelson 1995); needs a committee. */
    VOTE_ENTROPY,
    /** Mean KL divergence of each member to the committee mean (McCallum &amp; Nigam 1998); needs a committee. */
    CONSENSUS_KL,
    /** ||x~|| sum_y p_y sqrt(1 - 2 p_y + ||p||^2) for multinomial LR (Settles, Craven &amp; Ray 2008). */
    EXPECTED_GRADIENT_LENGTH,
    /** Entropy x (mean cosine similarity to the pool)^beta (Settles &amp; Craven 2008). */
    DENSITY_WEIGHTED,
    /** k-center greedy in feature space from the labelled set (Sener &amp; Savarese 2018). */
    CORESET,
    /**
     * Hybrid: b - r items by BADGE k-means++ seeding over the gradient embeddings of the 5b smallest-margin items
     * (Ash et al. 2020; in the spirit of Cluster-Margin, Citovsky et al. 2021): uncertain and spread out; the other
     * r = floor(0.15 b) items (3 of 20) drawn uniformly from the pool ({@code strategy.RandomShare}). No
     * near-duplicates.
     */
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
