package io.labelloop.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.labelloop.learning.model.CalibrationError;
import io.labelloop.learning.model.TemperatureScaler;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    @Test
    void shouldMeasureExpectedCalibrationErrorOnAHandCheckedCase() {
        // bin 0.9: two items at 0.9 confidence, one right -> |0.5 - 0.9| * 2/4
        // bin 0.6: two items at 0.6, both right -> |1.0 - 0.6| * 2/4
        double[][] p = {{0.9, 0.1}, {0.9, 0.1}, {0.6, 0.4}, {0.4, 0.6}};
        int[] y = {0, 1, 0, 1};
        assertThat(CalibrationError.expectedCalibrationError(p, y)).isCloseTo(0.2 + 0.2, within(1e-12));
    }

    @Test
    void shouldCoolOverconfidentLogitsWithATemperatureAboveOne() {
        // logits +-4 but only 75% right: the NLL-optimal T satisfies sigmoid(8 / T) = 0.75, T = 8 / ln 3
        double[][] logits = {{4, -4}, {4, -4}, {4, -4}, {-4, 4}};
        int[] y = {0, 0, 0, 0};
        assertThat(TemperatureScaler.fit(logits, y)).isCloseTo(8 / Math.log(3), within(1e-3));
    }

    @Test
    void shouldKeepTemperatureOneWhenScalingDoesNotLowerTheHeldOutCalibrationError() {
        // p = sigmoid(ln 3) = 0.75 and 3 of 4 right: already calibrated, so T = 1 is kept
        double a = Math.log(3) / 2;
        double[][] calibrated = {{a, -a}, {a, -a}, {a, -a}, {a, -a}};
        assertThat(TemperatureScaler.fitIfItHelps(calibrated, new int[]{0, 0, 0, 1})).isEqualTo(1.0);
        double[][] overconfident = {{4, -4}, {4, -4}, {4, -4}, {-4, 4}};
        assertThat(TemperatureScaler.fitIfItHelps(overconfident, new int[]{0, 0, 0, 0}))
                .isCloseTo(8 / Math.log(3), within(1e-3));
    }
}
