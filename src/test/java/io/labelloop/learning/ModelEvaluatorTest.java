package io.labelloop.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.labelloop.learning.bench.LabeledData;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelEvaluatorTest {

    @Test
    void shouldComputeAccuracyMacroF1AndConfusionOnHandCheckedPredictions() {
        Evaluation e = ModelEvaluator.summarise(EvaluationMethod.HOLDOUT, 0,
                List.of("a", "a", "b", "b"), List.of("a", "b", "b", "b"));
        assertThat(e.accuracy()).isEqualTo(0.75);
        assertThat(e.confusion()).isEqualTo(new int[][]{{1, 1}, {0, 2}});
        // a: P=1, R=0.5, F1=2/3; b: P=2/3, R=1, F1=0.8
        assertThat(e.perClass().get(0).f1()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(e.macroF1()).isCloseTo((2.0 / 3 + 0.8) / 2, within(1e-12));
    }

    @Test
    void shouldUseHoldoutWhenItIsLargeEnoughAndCrossValidationOtherwise() {
        LabeledData iris = TestData.iris();
        ModelTrainer trainer = new ModelTrainer(TaskType.TABULAR);
        List<byte[]> train = iris.items();
        LabelModel model = trainer.train(iris.items().subList(0, 100), iris.labels().subList(0, 100));
        Evaluation holdout = ModelEvaluator.evaluate(model, trainer, iris.items().subList(0, 100),
                iris.labels().subList(0, 100), iris.items().subList(100, 150), iris.labels().subList(100, 150));
        assertThat(holdout.method()).isEqualTo(EvaluationMethod.HOLDOUT);
        assertThat(holdout.evaluatedOn()).isEqualTo(50);
        Evaluation cv = ModelEvaluator.evaluate(model, trainer, train, iris.labels(), List.of(), List.of());
        assertThat(cv.method()).isEqualTo(EvaluationMethod.CROSS_VALIDATION);
        assertThat(cv.evaluatedOn()).isEqualTo(150);
        assertThat(cv.folds()).isEqualTo(5);
        assertThat(cv.accuracy()).isGreaterThan(0.9);
    }
}
