package io.labelloop.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Model versions live in the database as {@link LabelModel#toBytes()}; these golden files were written by the build
 * that introduced format 1 ({@link GoldenModels}) and must load and score as they did then (as Tribuo keeps
 * serialised models of earlier releases in its tests).
 */
class StoredModelFormatTest {

    @ParameterizedTest
    @EnumSource(TaskType.class)
    void shouldLoadModelsStoredInFormatVersion1AndScoreTheirItemsAsWhenStored(TaskType task) {
        GoldenModels.Golden golden = GoldenModels.load(1, task);
        LabelModel model = LabelModel.fromBytes(golden.model());
        LabelModel.ItemScorer scorer = model.scorer();
        assertThat(model.metadata().taskType()).isEqualTo(task);
        assertThat(model.classes()).hasSize(golden.probabilities()[0].length);
        for (int i = 0; i < golden.items().size(); i++) {
            double[] p = scorer.probabilities(golden.items().get(i));
            assertThat(p).containsExactly(golden.probabilities()[i], within(1e-9));
            double[][] members = new double[model.committeeSize()][p.length];
            scorer.committeeProbabilities(members);
            assertThat(members).hasDimensions(golden.committee()[i].length, p.length);
            for (int m = 0; m < members.length; m++) {
                assertThat(members[m]).containsExactly(golden.committee()[i][m], within(1e-9));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TaskType.class)
    void shouldWriteALoadedVersion1ModelBackSoThatItScoresTheSame(TaskType task) {
        GoldenModels.Golden golden = GoldenModels.load(1, task);
        LabelModel reloaded = LabelModel.fromBytes(LabelModel.fromBytes(golden.model()).toBytes());
        List<byte[]> items = golden.items();
        for (int i = 0; i < items.size(); i++) {
            assertThat(reloaded.scorer().probabilities(items.get(i))).containsExactly(golden.probabilities()[i],
                    within(1e-9));
        }
    }

    @ParameterizedTest
    @EnumSource(TaskType.class)
    void shouldKeepTheProvenanceOfAVersion1Model(TaskType task) {
        ModelMetadata meta = LabelModel.fromBytes(GoldenModels.load(1, task).model()).metadata();
        assertThat(meta.algorithm()).isEqualTo(ModelTrainer.SGD_ALGORITHM);
        assertThat(meta.labelCount()).isPositive();
        assertThat(meta.classCount()).isEqualTo(meta.taskType() == TaskType.IMAGE ? 10 : 2);
        assertThat(meta.l2()).isPositive();
        assertThat(meta.committeeSize()).isEqualTo(task == TaskType.TABULAR ? 3 : 0);
    }
}
