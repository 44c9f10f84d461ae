package io.labelloop.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.labelloop.learning.strategy.ConsensusKlStrategy;
import io.labelloop.learning.strategy.DensityWeighting;
import io.labelloop.learning.strategy.EntropyStrategy;
import io.labelloop.learning.strategy.ExpectedGradientLengthStrategy;
import io.labelloop.learning.strategy.LeastConfidenceStrategy;
import io.labelloop.learning.strategy.MarginStrategy;
import io.labelloop.learning.strategy.PointwiseStrategy;
import io.labelloop.learning.strategy.RandomStrategy;
import io.labelloop.learning.strategy.VoteEntropyStrategy;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class StrategyFormulaTest {
    private static final double[][] NO_COMMITTEE = new double[0][];

    @Test
    void shouldScoreLeastConfidenceAsOneMinusTheTopProbability() {
        assertThat(new LeastConfidenceStrategy().score(new double[]{0.2, 0.5, 0.3}, NO_COMMITTEE, 1))
                .isCloseTo(0.5, within(1e-12));
    }

    @Test
    void shouldRankTheClosestCallFirstUnderMargin() {
        MarginStrategy margin = new MarginStrategy();
        double clear = margin.score(new double[]{0.5, 0.3, 0.2}, NO_COMMITTEE, 1);
        double close = margin.score(new double[]{0.45, 0.44, 0.11}, NO_COMMITTEE, 1);
        assertThat(clear).isCloseTo(0.8, within(1e-12));
        assertThat(close).isCloseTo(0.99, within(1e-12)).isGreaterThan(clear);
    }

    @Test
    void shouldGiveTheUniformDistributionTheLargestEntropy() {
        EntropyStrategy entropy = new EntropyStrategy();
        assertThat(entropy.score(new double[]{0.5, 0.5}, NO_COMMITTEE, 1)).isCloseTo(Math.log(2), within(1e-12));
        assertThat(entropy.score(new double[]{1.0, 0.0}, NO_COMMITTEE, 1)).isEqualTo(0.0);
    }

    @Test
    void shouldKeepRankingSurePredictionsWhereTheTopProbabilityRoundsToOne() {
        // softmax of logit gaps 40 and 60: p(1) is exactly 1.0 in both, p(2) is e^-40 and e^-60
        double[] nearer = {1.0, Math.exp(-40)};
        double[] farther = {1.0, Math.exp(-60)};
        assertThat(nearer[0]).isEqualTo(1.0);
        for (var strategy : new PointwiseStrategy[]{
                new LeastConfidenceStrategy(), new MarginStrategy(), new EntropyStrategy()}) {
            double a = strategy.score(nearer, NO_COMMITTEE, 1);
            double b = strategy.score(farther, NO_COMMITTEE, 1);
            assertThat(a).as(strategy.getClass().getSimpleName()).isGreaterThan(b).isGreaterThan(0);
            assertThat(b).as(strategy.getClass().getSimpleName()).isGreaterThan(0);
        }
        assertThat(new LeastConfidenceStrategy().score(nearer, NO_COMMITTEE, 1)).isCloseTo(Math.exp(-40), within(1e-30));
        assertThat(new MarginStrategy().score(nearer, NO_COMMITTEE, 1)).isCloseTo(2 * Math.exp(-40), within(1e-30));
        assertThat(new EntropyStrategy().score(nearer, NO_COMMITTEE, 1)).isCloseTo(41 * Math.exp(-40), within(1e-28));
    }

    @Test
    void shouldComputeVoteEntropyFromCommitteeVotes() {
        double[][] committee = {{0.9, 0.1}, {0.6, 0.4}, {0.3, 0.7}}; // votes 2 : 1
        double expected = -(2.0 / 3 * Math.log(2.0 / 3) + 1.0 / 3 * Math.log(1.0 / 3));
        assertThat(new VoteEntropyStrategy().score(new double[]{0.6, 0.4}, committee, 1))
                .isCloseTo(expected, within(1e-12));
    }

    @Test
    void shouldComputeConsensusKlAsMeanDivergenceFromTheCommitteeMean() {
        double[][] committee = {{1.0, 0.0}, {0.0, 1.0}}; // mean (0.5, 0.5); each KL = ln 2
        assertThat(new ConsensusKlStrategy().score(new double[]{0.5, 0.5}, committee, 1))
                .isCloseTo(Math.log(2), within(1e-12));
        double[][] agreeing = {{0.7, 0.3}, {0.7, 0.3}};
        assertThat(new ConsensusKlStrategy().score(new double[]{0.7, 0.3}, agreeing, 1)).isCloseTo(0, within(1e-12));
    }

    @Test
    void shouldComputeExpectedGradientLengthForMultinomialLogisticRegression() {
        ExpectedGradientLengthStrategy egl = new ExpectedGradientLengthStrategy();
        // p = (0.5, 0.5), |x|^2 = 3: |x~| = 2, |p|^2 = 0.5, each term 0.5 * sqrt(1 - 1 + 0.5)
        assertThat(egl.score(new double[]{0.5, 0.5}, NO_COMMITTEE, 3)).isCloseTo(2 * Math.sqrt(0.5), within(1e-12));
        // a certain prediction has zero expected gradient
        assertThat(egl.score(new double[]{1.0, 0.0}, NO_COMMITTEE, 3)).isCloseTo(0, within(1e-12));
    }

    @Test
    void shouldDrawRandomScoresThatDependOnlyOnIdAndSeed() {
        assertThat(RandomStrategy.score(17, 42)).isEqualTo(RandomStrategy.score(17, 42))
                .isNotEqualTo(RandomStrategy.score(17, 43)).isBetween(0.0, 1.0);
        double mean = LongStream.range(0, 10_000).mapToDouble(id -> RandomStrategy.score(id, 42)).average().orElseThrow();
        assertThat(mean).isCloseTo(0.5, within(0.01));
    }

    @Test
    void shouldWeightUncertaintyByMeanCosineSimilarityToThePool() {
        DensityWeighting density = new DensityWeighting(2);
        density.add(new float[]{1, 0});
        density.add(new float[]{2, 0});
        density.add(new float[]{0, 3});
        // unit-vector mean (2/3, 1/3); x = (1, 0): mean cos 2/3, similarity (1 + 2/3) / 2
        assertThat(density.density(new float[]{5, 0})).isCloseTo(5.0 / 6, within(1e-6));
        assertThat(DensityWeighting.weighted(0.6, 5.0 / 6, 1.0)).isCloseTo(0.5, within(1e-12));
    }
}
