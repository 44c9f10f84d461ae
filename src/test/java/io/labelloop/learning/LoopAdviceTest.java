package io.labelloop.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.labelloop.learning.bench.LabeledData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoopAdviceTest {

    @Test
    void shouldComputeCohensKappaOnAHandCheckedCase() {
        // p_o = 3/4; p_e = 0.5 * 0.25 + 0.5 * 0.75 = 0.5; kappa = 0.5
        assertThat(StoppingAdvisor.cohensKappa(List.of("x", "x", "y", "y"), List.of("x", "y", "y", "y")))
                .isCloseTo(0.5, within(1e-12));
    }

    @Test
    void shouldAdviseStoppingOnlyAfterThreeStableRounds() {
        List<String> a = List.of("x", "y", "x", "y");
        List<String> b = List.of("x", "y", "y", "y");
        assertThat(StoppingAdvisor.advise(List.of(a, a, a)).stop()).isFalse();
        StoppingAdvice stable = StoppingAdvisor.advise(List.of(b, a, a, a, a));
        assertThat(stable.stop()).isTrue();
        assertThat(stable.recentMeanKappa()).isEqualTo(1.0);
        assertThat(StoppingAdvisor.advise(List.of(a, a, a, b)).stop()).isFalse();
    }

    @Test
    void shouldCertifyFiftyNineCorrectPredictionsAtNinetyFivePercent() {
        // 0.95^59 = 0.0485 <= 0.05 but 0.95^58 = 0.051 > 0.05
        assertThat(ThresholdCalibrator.binomialCdf(0, 59, 0.05)).isCloseTo(Math.pow(0.95, 59), within(1e-12));
        assertThat(calibrateAllCorrect(59).enoughHoldout()).isTrue();
        AutoLabelThresholds tooFew = calibrateAllCorrect(58);
        assertThat(tooFew.enoughHoldout()).isFalse();
        assertThat(tooFew.thresholds()).isEmpty();
        assertThat(tooFew.message()).startsWith("not enough holdout labels");
    }

    private static AutoLabelThresholds calibrateAllCorrect(int n) {
        double[][] p = new double[n][];
        int[] y = new int[n];
        Arrays.fill(p, new double[]{0.97, 0.03});
        return ThresholdCalibrator.calibrate(List.of("a"), p, y, 0.95, 0.05);
    }

    @Test
    void shouldStopTheThresholdScanBeforeTheErrorProneConfidences() {
        List<double[]> rows = new ArrayList<>();
        List<Integer> truth = new ArrayList<>();
        for (int i = 0; i < 300; i++) { // confident and right
            rows.add(new double[]{0.95 + i * 1e-4, 0.05 - i * 1e-4});
            truth.add(0);
        }
        for (int i = 0; i < 100; i++) { // unsure and wrong half the time
            rows.add(new double[]{0.6 + i * 1e-4, 0.4 - i * 1e-4});
            truth.add(i % 2);
        }
        AutoLabelThresholds t = ThresholdCalibrator.calibrate(List.of("a", "b"), rows.toArray(double[][]::new),
                truth.stream().mapToInt(Integer::intValue).toArray(), 0.95, 0.05);
        assertThat(t.thresholds().get("a")).isGreaterThan(0.6);
        assertThat(t.holdoutErrorRate()).isLessThanOrEqualTo(0.05);
        assertThat(t.expectedCoverage()).isGreaterThan(0.7).isLessThanOrEqualTo(0.875);
    }

    @Test
    void shouldCertifyAGlobalThresholdWhenClassesAreTooManyToCertifyOneByOne() {
        int n = 200;
        List<String> classes = java.util.stream.IntStream.range(0, 10).mapToObj(c -> "c" + c).toList();
        double[][] p = new double[n][10];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 10;
            Arrays.fill(p[i], 0.01 / 9);
            p[i][y[i]] = 0.99; // twenty correct, confident predictions per class: too few per class at delta/20
        }

        AutoLabelThresholds t = ThresholdCalibrator.calibrate(classes, p, y, 0.95, 0.05);

        assertThat(t.enoughHoldout()).isTrue();
        assertThat(t.thresholds()).hasSize(10).allSatisfy((c, v) -> assertThat(v).isEqualTo(0.99));
        assertThat(t.expectedCoverage()).isEqualTo(1.0);
    }

    @Test
    void shouldSeedColdStartWithOneIrisOfEachSpecies() {
        LabeledData iris = TestData.iris();
        ColdStartSelector cold = new ColdStartSelector(TaskType.TABULAR, 3);
        for (int i = 0; i < iris.size(); i++) {
            cold.offer(i, iris.items().get(i));
        }
        List<SelectedItem> seeds = cold.select();
        Set<String> species = new HashSet<>();
        seeds.forEach(s -> species.add(iris.labels().get((int) s.itemId())));
        assertThat(seeds).hasSize(3);
        assertThat(species).hasSize(3);
    }
}
