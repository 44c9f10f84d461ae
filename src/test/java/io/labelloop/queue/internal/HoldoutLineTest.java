package io.labelloop.queue.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HoldoutLineTest {

    @Test
    void shouldGiveAClaimTheDrawsThatBringTheHoldoutToItsShare() {
        assertThat(HoldoutLine.split(0.3, 0, 0, 20)).isEqualTo(6);
        assertThat(HoldoutLine.split(0.3, 20, 6, 20)).isEqualTo(6);
        assertThat(HoldoutLine.split(0.3, 100, 10, 20)).as("catches up a deficit").isEqualTo(20);
        assertThat(HoldoutLine.split(0.3, 100, 60, 20)).as("an excess: no draws until the share is back").isZero();
        assertThat(HoldoutLine.split(0.3, 7, 3, 3)).as("0.3 * 10 is 3, not 3.0000000000000004").isZero();
    }

    @Test
    void shouldDrawEveryThirdOrSoItemOfSingleItemClaims() {
        long held = 0;
        for (int asked = 0; asked < 1000; asked++) {
            held += HoldoutLine.split(0.3, asked, held, 1);
            assertThat(held).isBetween((long) Math.floor(0.3 * (asked + 1)), (long) Math.ceil(0.3 * (asked + 1)));
        }
        assertThat(held).isEqualTo(300);
    }

    @Test
    void shouldSpreadTheDrawsEvenlyThroughAClaim() {
        List<String> out = HoldoutLine.spread(List.of("a", "b", "c", "d", "e", "f", "g"), List.of("H1", "H2", "H3"));
        assertThat(out).containsExactly("a", "H1", "b", "c", "d", "H2", "e", "f", "H3", "g");
        assertThat(HoldoutLine.spread(List.of(), List.of("H1", "H2"))).containsExactly("H1", "H2");
        assertThat(HoldoutLine.spread(List.of("a"), List.of())).containsExactly("a");
    }
}
