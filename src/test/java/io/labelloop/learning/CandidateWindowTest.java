package io.labelloop.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CandidateWindowTest {

    @Test
    void shouldCoverEverySlotOnceInEachRoundAndNeverLeaveASlotUnscoredForMoreThanTwoRoundsLessOne() {
        for (long pool : new long[] {20_001, 100_000, 1_000_000, 5_000_000}) {
            CandidateWindow first = CandidateWindow.of(pool, 20_000, 0, 7);
            int k = first.windows();
            Map<Integer, Integer> lastScored = new HashMap<>();
            int[] seenInRound = new int[CandidateWindow.SLOTS];
            for (int cycle = 0; cycle < 4 * k; cycle++) {
                CandidateWindow w = CandidateWindow.of(pool, 20_000, cycle, 7);
                assertThat(w.share() * pool).as("pool %d cycle %d", pool, cycle).isLessThanOrEqualTo(20_000 * 1.1);
                for (int slot : w.slots()) {
                    seenInRound[slot]++;
                    Integer before = lastScored.put(slot, cycle);
                    if (before != null) {
                        assertThat(cycle - before).isLessThanOrEqualTo(2 * k - 1);
                    }
                }
                if (cycle % k == k - 1) {
                    for (int s = 0; s < CandidateWindow.SLOTS; s++) {
                        assertThat(seenInRound[s]).as("slot %d in round %d of pool %d", s, cycle / k, pool).isEqualTo(1);
                    }
                    seenInRound = new int[CandidateWindow.SLOTS];
                }
            }
        }
    }

    @Test
    void shouldScoreTheWholePoolWithinTheBoundOrWithoutOne() {
        assertThat(CandidateWindow.of(20_000, 20_000, 3, 1).full()).isTrue();
        assertThat(CandidateWindow.of(5_000_000, 0, 3, 1).full()).isTrue();
        assertThat(CandidateWindow.of(20_001, 20_000, 3, 1).full()).isFalse();
    }
}
