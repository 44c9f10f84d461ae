package io.labelloop.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.labelloop.learning.strategy.Candidate;
import io.labelloop.learning.strategy.GradientKMeansPlusPlus;
import io.labelloop.learning.strategy.KCenterGreedy;
import io.labelloop.learning.strategy.RandomShare;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiversitySelectionTest {

    private static Candidate at(long id, float x, double... residual) {
        return new Candidate(id, 0, new float[]{x}, residual.length == 0 ? new double[]{0.5, -0.5} : residual);
    }

    @Test
    void shouldTakeTheFarthestPointFromTheLabelledSetFirstUnderKCenterGreedy() {
        List<Candidate> pool = List.of(at(1, 1), at(2, 2), at(3, 10));
        List<Candidate> picked = KCenterGreedy.select(pool, List.of(new float[]{0}), 2, 42);
        // distances to 0: 1, 4, 100 -> take 10; then to {0, 10}: 1, 4 -> take 2
        assertThat(picked).extracting(Candidate::itemId).containsExactly(3L, 2L);
    }

    @Test
    void shouldComputeGradientEmbeddingDistancesWithoutFormingThem() {
        Candidate a = at(1, 2, 0.3, -0.3);
        Candidate b = at(2, -1, -0.6, 0.6);
        // g_a = (0.3, -0.3) x (2, 1) = (0.6, 0.3, -0.6, -0.3); g_b = (-0.6, 0.6) x (-1, 1) = (0.6, -0.6, -0.6, 0.6)
        double expected = 0 + 0.81 + 0 + 0.81;
        assertThat(Candidate.gradientDistance(a, b)).isCloseTo(expected, within(1e-9));
        assertThat(a.gradientNormSquared()).isCloseTo(0.36 + 0.09 + 0.36 + 0.09, within(1e-9));
    }

    @Test
    void shouldStartBadgeAtTheLongestGradientAndNeverPickANearDuplicate() {
        List<Candidate> pool = List.of(at(1, 5, 0.45, -0.45), at(2, 5, 0.45, -0.45), at(3, 4.99f, 0.45, -0.45),
                at(4, -3, 0.2, -0.2), at(5, 0, 0.1, -0.1));
        List<Candidate> picked = GradientKMeansPlusPlus.select(pool, 3, 42);
        assertThat(picked.get(0).itemId()).isEqualTo(1L);
        assertThat(picked).extracting(Candidate::itemId).doesNotContain(2L, 3L).hasSize(3);
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
