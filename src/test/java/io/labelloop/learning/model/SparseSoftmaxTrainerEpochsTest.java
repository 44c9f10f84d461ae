package io.labelloop.learning.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.learning.features.FeatureBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** How many passes the SGD makes: fewer over many sparse rows (texts), never fewer over dense ones. */
class SparseSoftmaxTrainerEpochsTest {
    private static final int CLASSES = 29;

    @Test
    void shouldMakeThreePassesOverTenThousandSparseRows() {
        assertThat(SparseSoftmaxTrainer.epochs(sparseRows(10_000), CLASSES, 100_000)).isEqualTo(3);
    }

    @Test
    void shouldMakeFourPassesOverSparseRowsThatWouldNotReachFifteenThousandStepsInThree() {
        assertThat(SparseSoftmaxTrainer.epochs(sparseRows(4_000), CLASSES, 100_000)).isEqualTo(4);
    }

    @Test
    void shouldKeepFivePassesOverSparseRowsBelowThreeThousandLabels() {
        assertThat(SparseSoftmaxTrainer.epochs(sparseRows(2_000), CLASSES, 100_000)).isEqualTo(5);
    }

    @Test
    void shouldKeepFivePassesOverTenThousandDenseRows() {
        List<FeatureBuffer> rows = new ArrayList<>();
        Random random = new Random(1);
        for (int i = 0; i < 10_000; i++) {
            FeatureBuffer row = new FeatureBuffer();
            row.clearDense(64);
            for (int j = 0; j < 64; j++) {
                row.values[j] = random.nextFloat() + 0.01f;
            }
            rows.add(row.copy());
        }
        assertThat(SparseSoftmaxTrainer.epochs(rows, 10, 64)).isEqualTo(5);
    }

    /** Rows of 200 non-zero features out of 100,000, as TF-IDF texts of about 40 words. */
    private static List<FeatureBuffer> sparseRows(int n) {
        List<FeatureBuffer> rows = new ArrayList<>();
        Random random = new Random(1);
        for (int i = 0; i < n; i++) {
            FeatureBuffer row = new FeatureBuffer();
            row.clearSparse();
            for (int j = 0; j < 200; j++) {
                row.add(j * 500 + random.nextInt(500), 0.07f);
            }
            rows.add(row.copy());
        }
        return rows;
    }
}
