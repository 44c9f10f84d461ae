package io.labelloop.learning;

import io.labelloop.learning.strategy.ConsensusKlStrategy;
import io.labelloop.learning.strategy.EntropyStrategy;
import io.labelloop.learning.strategy.ExpectedGradientLengthStrategy;
import io.labelloop.learning.strategy.LeastConfidenceStrategy;
import io.labelloop.learning.strategy.MarginStrategy;
import io.labelloop.learning.strategy.PointwiseStrategy;
import io.labelloop.learning.strategy.VoteEntropyStrategy;

/** Maps strategy names to their pointwise scores (null for RANDOM and CORESET). */
final class Strategies {
    private Strategies() {
    }

    static PointwiseStrategy pointwise(StrategyName name) {
        return switch (name) {
            case LEAST_CONFIDENCE -> new LeastConfidenceStrategy();
            case MARGIN, UNCERTAINTY_DIVERSITY -> new MarginStrategy();
            case ENTROPY, DENSITY_WEIGHTED -> new EntropyStrategy();
            case VOTE_ENTROPY -> new VoteEntropyStrategy();
            case CONSENSUS_KL -> new ConsensusKlStrategy();
            case EXPECTED_GRADIENT_LENGTH -> new ExpectedGradientLengthStrategy();
            case RANDOM, CORESET -> null;
        };
    }
}
