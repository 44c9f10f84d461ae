package io.labelloop.learning.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TemperatureScalerTest {

    @Test
    void shouldKeepTemperatureOneWhenNoHeldOutItemIsMisclassified() {
        double[][] logits = {{2, 0}, {0, 1.5}, {3, 1}, {0.2, 1}};
        int[] y = {0, 1, 0, 1};
        assertThat(TemperatureScaler.fit(logits, y)).isLessThan(0.1);
        assertThat(TemperatureScaler.fitIfItHelps(logits, y)).isEqualTo(1.0);
    }

    @Test
    void shouldStillSoftenOverconfidentLogitsThatMakeMistakes() {
        double[][] logits = {{8, 0}, {0, 8}, {8, 0}, {8, 0}, {0, 8}, {0, 8}};
        int[] y = {0, 1, 1, 0, 0, 1};
        assertThat(TemperatureScaler.fitIfItHelps(logits, y)).isGreaterThan(1.0);
    }
}
