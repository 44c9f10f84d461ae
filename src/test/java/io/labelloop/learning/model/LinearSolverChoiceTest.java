package io.labelloop.learning.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.learning.features.FeatureBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearSolverChoiceTest {

    @Test
    void shouldSolveDenseRowsByLbfgsAtAnyLabelCount() {
        assertThat(LinearSolver.choose(denseRows(20_000, 784), 10, 784)).isEqualTo(LinearSolver.LBFGS);
    }

    @Test
    void shouldSolveAFewHundredSparseTextsByLbfgs() {
        assertThat(LinearSolver.choose(sparseRows(300, 100), 6, 1 << 18)).isEqualTo(LinearSolver.LBFGS);
    }

    @Test
    void shouldLeaveThousandsOfSparseTextsWithManyClassesToSgd() {
        assertThat(LinearSolver.choose(sparseRows(10_000, 100), 29, 1 << 18)).isEqualTo(LinearSolver.SGD);
    }

    private static List<FeatureBuffer> denseRows(int n, int d) {
        List<FeatureBuffer> rows = new ArrayList<>();
        FeatureBuffer row = new FeatureBuffer();
        row.clearDense(d);
        java.util.Arrays.fill(row.values, 0, d, 0.5f);
        for (int i = 0; i < n; i++) {
            rows.add(row);
        }
        return rows;
    }

    private static List<FeatureBuffer> sparseRows(int n, int perRow) {
        Random rnd = new Random(42);
        List<FeatureBuffer> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            FeatureBuffer row = new FeatureBuffer();
            for (int j = 0; j < perRow; j++) {
                row.add(rnd.nextInt(1 << 18), 0.1f);
            }
            rows.add(row);
        }
        return rows;
    }
}
