package io.labelloop.project;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.learning.ThresholdCalibrator;
import org.junit.jupiter.api.Test;

class CertificationPlanTest {

    private static CertificationPlan plan(Integer budget, double holdout, double target) {
        return CertificationPlan.of(new QueueSettings(budget, null, null, holdout, null, null),
                new AutoLabelSettings(null, target, null));
    }

    @Test
    void shouldNeedThirtySixHoldoutItemsWithoutErrorForNinetyPercentAsTheCalibratorDoes() {
        CertificationPlan p = plan(130, 0.1, 0.9);

        assertThat(p.needed()).isEqualTo(36);
        assertThat(p.neededWithOneError()).isGreaterThan(36);
        assertThat(p.neededWithRoom()).isGreaterThan(p.neededWithOneError());
        assertThat(p.holdoutGiven()).isEqualTo(13);
        assertThat(p.possible()).isFalse();
        assertThat(p.suggestedHoldoutFraction()).isEqualTo(0.28);
        assertThat(p.suggestedBudget()).isEqualTo((int) Math.ceil(p.neededWithRoom() / 0.1));
        assertThat(ThresholdCalibrator.holdoutNeeded(p.suggestedTarget(), 0)).isLessThanOrEqualTo(13);
        assertThat(p.problem()).contains("36 holdout labels", "at most 13", "a holdout share of 0.28");
    }

    @Test
    void shouldCertifyWithTheNeededCountAndNotWithOneLess() {
        int needed = ThresholdCalibrator.holdoutNeeded(0.95, 0);
        assertThat(needed).isEqualTo(72);
        double[][] probabilities = new double[needed][];
        int[] truth = new int[needed];
        for (int i = 0; i < needed; i++) {
            probabilities[i] = new double[] {0.99, 0.01};
        }
        var classes = java.util.List.of("a", "b");
        assertThat(ThresholdCalibrator.calibrate(classes, probabilities, truth, 0.95, 0.05).enoughHoldout()).isTrue();
        assertThat(ThresholdCalibrator.calibrate(classes, java.util.Arrays.copyOf(probabilities, needed - 1),
                java.util.Arrays.copyOf(truth, needed - 1), 0.95, 0.05).enoughHoldout()).isFalse();
    }

    @Test
    void shouldAcceptAnUnlimitedBudgetAndRefuseAZeroHoldout() {
        assertThat(plan(null, 0.1, 0.9).possible()).isTrue();
        assertThat(plan(null, 0.0, 0.9).possible()).isFalse();
        assertThat(plan(2000, 0.1, 0.9).roomy()).isTrue();
    }
}
