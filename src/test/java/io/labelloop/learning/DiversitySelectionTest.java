package io.labelloop.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.labelloop.learning.strategy.Candidate;
import io.labelloop.learning.strategy.GradientKMeansPlusPlus;
import io.labelloop.learning.strategy.KCenterGreedy;
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
}
