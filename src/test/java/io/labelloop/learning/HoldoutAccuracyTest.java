package io.labelloop.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HoldoutAccuracyTest {

    @Test
    void shouldGiveTheExactClopperPearsonIntervalIncludingAtZeroAndFullAccuracy() {
        // reference values: scipy.stats.beta.ppf(0.025, k, n - k + 1) and beta.ppf(0.975, k + 1, n - k)
        HoldoutAccuracy nineOfThirteen = HoldoutAccuracy.of(13, 9);
        assertThat(nineOfThirteen.accuracy()).isCloseTo(9 / 13.0, within(1e-12));
        assertThat(nineOfThirteen.low95()).isCloseTo(0.385738, within(1e-5));
        assertThat(nineOfThirteen.high95()).isCloseTo(0.909080, within(1e-5));

        assertThat(HoldoutAccuracy.of(10, 10).low95()).isCloseTo(Math.pow(0.025, 0.1), within(1e-6));
        assertThat(HoldoutAccuracy.of(10, 10).high95()).isEqualTo(1.0);
        assertThat(HoldoutAccuracy.of(10, 0).low95()).isEqualTo(0.0);
        assertThat(HoldoutAccuracy.of(10, 0).high95()).isCloseTo(1 - Math.pow(0.025, 0.1), within(1e-6));

        HoldoutAccuracy large = HoldoutAccuracy.of(600, 416);
        assertThat(large.low95()).isCloseTo(0.654718, within(1e-5));
        assertThat(large.high95()).isCloseTo(0.730033, within(1e-5));
    }
}
