package io.labelloop.learning;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.learning.strategy.Candidate;
import io.labelloop.learning.strategy.RandomShare;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RandomShareTest {

    private static Candidate at(long id, float x) {
        return new Candidate(id, 0, new float[]{x}, new double[]{0.5, -0.5});
    }

    @Test
    void shouldGiveFifteenPercentOfTheBatchRoundedDownToTheRandomShare() {
        assertThat(RandomShare.slots(20)).isEqualTo(3);
        assertThat(RandomShare.slots(7)).isEqualTo(1);
        assertThat(RandomShare.slots(6)).isZero();
        assertThat(RandomShare.slots(1)).isZero();
    }

    @Test
    void shouldFillTheRandomSlotsByHighestDrawSkippingItemsInTheBatchAndTheirNearDuplicates() {
        RandomShare share = new RandomShare(7, 42); // one slot, keeps the 4 highest draws
        List<Candidate> pool = List.of(at(1, 1), at(2, 2), at(3, 3), at(4, 4), at(5, 5), at(6, 6));
        List<Candidate> byDraw = new ArrayList<>(pool);
        byDraw.sort((a, b) -> Double.compare(share.draw(b.itemId()), share.draw(a.itemId())));
        pool.forEach(c -> share.offer(new Candidate(c.itemId(), share.draw(c.itemId()), c.embedding(), c.residual())));
        Candidate first = byDraw.get(0), second = byDraw.get(1), third = byDraw.get(2);
        // the highest draw is already in the batch, the second is a near-duplicate of a batch item: the third fills it
        List<Candidate> batch = new ArrayList<>(List.of(first, at(99, second.embedding()[0] * 1.001f)));
        assertThat(share.fill(batch, 3)).extracting(Candidate::itemId).containsExactly(first.itemId(), 99L, third.itemId());
        assertThat(share.fill(new ArrayList<>(), 2)).extracting(Candidate::itemId)
                .containsExactly(first.itemId(), second.itemId());
    }
}
