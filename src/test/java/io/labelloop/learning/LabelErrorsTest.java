package io.labelloop.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LabelErrorsTest {

    @Test
    void shouldFlagTheItemsWhoseGivenLabelTheProbabilitiesContradict() {
        // 3 classes, 300 items; the model is right and fairly sure; 15 labels are flipped
        Random rnd = new Random(1);
        int n = 300;
        double[][] p = new double[n][3];
        int[] given = new int[n];
        List<Integer> flipped = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int truth = i % 3;
            double sure = 0.6 + 0.35 * rnd.nextDouble();
            for (int c = 0; c < 3; c++) {
                p[i][c] = c == truth ? sure : (1 - sure) / 2;
            }
            given[i] = truth;
            if (i % 20 == 7) {
                given[i] = (truth + 1) % 3;
                flipped.add(i);
            }
        }
        List<LabelErrors.Flag> flags = LabelErrors.confidentLearning(p, given, 3);
        assertThat(flags.stream().map(LabelErrors.Flag::index).toList()).containsExactlyInAnyOrderElementsOf(flipped);
        for (LabelErrors.Flag f : flags) {
            assertThat(f.suggested()).isEqualTo(f.index() % 3);
            assertThat(f.score()).isGreaterThan(0.8);
        }
    }

    @Test
    void shouldNeverFlagAnItemTheModelPredictsAsItsLabel() {
        double[][] p = {{0.5, 0.5}, {0.9, 0.1}, {0.2, 0.8}, {0.55, 0.45}};
        assertThat(LabelErrors.confidentLearning(p, new int[] {0, 0, 1, 0}, 2)).isEmpty();
    }
}
