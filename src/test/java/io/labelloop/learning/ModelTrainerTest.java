package io.labelloop.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.labelloop.learning.bench.LabeledData;
import io.labelloop.learning.features.FeatureBuffer;
import io.labelloop.learning.features.Featurizers;
import io.labelloop.learning.model.LbfgsSoftmaxTrainer;
import io.labelloop.learning.model.SoftmaxWeights;
import io.labelloop.learning.model.TribuoLogisticTrainer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;

class ModelTrainerTest {

    @Test
    void shouldReproduceTribuoProbabilitiesOnTheDenseScoringPath() {
        LabeledData text = TestData.tweets();
        ModelTrainer trainer = new ModelTrainer(TaskType.TEXT);
        LabelModel model = trainer.trainFixed(text.items(), text.labels(), 1e-4, 1.0);
        List<FeatureBuffer> x = Featurizers.featurise(model.featurizer(), text.items());
        int[] y = text.labels().stream().mapToInt(model.classes()::indexOf).toArray();
        TribuoLogisticTrainer.Result r = TribuoLogisticTrainer.train(x, y, model.classes(),
                model.featurizer().dimension(), 0.01, TrainingOptions.DEFAULT_SEED);
        double[] ours = new double[2];
        for (int i = 0; i < 50; i++) {
            r.weights().probabilities(x.get(i), ours);
            Prediction<Label> theirs = r.tribuoModel().predict(TribuoLogisticTrainer.toExample(x.get(i), new Label("?")));
            for (int k = 0; k < 2; k++) {
                double expected = theirs.getOutputScores().get(model.classes().get(k)).getScore();
                assertThat(ours[k]).isCloseTo(expected, within(1e-5));
            }
        }
    }

    @Test
    void shouldScoreEncodedItemsAsTheTrainedWeightsScoreTheirFeaturisedRows() {
        for (LabeledData data : List.of(TestData.tweets(), TestData.digits())) {
            LabelModel model = new ModelTrainer(data.task()).trainFixed(data.items(), data.labels(), 0.1, 1.0);
            List<FeatureBuffer> x = Featurizers.featurise(model.featurizer(), data.items());
            int[] y = data.labels().stream().mapToInt(model.classes()::indexOf).toArray();
            SoftmaxWeights trained = LbfgsSoftmaxTrainer.train(x, y, model.classes().size(),
                    model.featurizer().dimension(), 0.1, null).weights();
            LabelModel.ItemScorer scorer = model.scorer();
            double[] expected = new double[model.classes().size()];
            for (int i = 0; i < data.size(); i++) {
                trained.probabilities(x.get(i), expected);
                assertThat(scorer.probabilities(data.items().get(i))).containsExactly(expected, within(1e-9));
            }
        }
    }

    @Test
    void shouldShrinkTheWeightsUnderAStrongerL2Penalty() {
        LabeledData iris = TestData.iris();
        LabelModel model = new ModelTrainer(TaskType.TABULAR).trainFixed(iris.items(), iris.labels(), 0, 1.0);
        List<FeatureBuffer> x = Featurizers.featurise(model.featurizer(), iris.items());
        int[] y = iris.labels().stream().mapToInt(model.classes()::indexOf).toArray();
        double weak = weightNorm(TribuoLogisticTrainer.train(x, y, model.classes(), 4, 0.0, 42).weights());
        double strong = weightNorm(TribuoLogisticTrainer.train(x, y, model.classes(), 4, 1.0, 42).weights());
        assertThat(strong).isLessThan(0.5 * weak);
    }

    private static double weightNorm(SoftmaxWeights w) {
        double s = 0;
        for (int j = 0; j < w.dimension(); j++) {
            for (int k = 0; k < w.classes(); k++) {
                s += w.weight(j, k) * w.weight(j, k);
            }
        }
        return Math.sqrt(s);
    }

    @Test
    void shouldFitIrisAndKeepProbabilitiesCalibratedAfterTemperatureScaling() {
        LabeledData iris = TestData.iris();
        LabelModel model = new ModelTrainer(TaskType.TABULAR).train(iris.items(), iris.labels());
        ModelMetadata meta = model.metadata();
        assertThat(meta.l2ChosenBy()).startsWith("cross-validation");
        assertThat(meta.labelCount()).isEqualTo(150);
        assertThat(meta.eceAfterScaling()).isLessThanOrEqualTo(meta.eceBeforeScaling() + 0.02);
        long correct = 0;
        LabelModel.ItemScorer scorer = model.scorer();
        for (int i = 0; i < iris.size(); i++) {
            correct += scorer.predict(iris.items().get(i)).label().equals(iris.labels().get(i)) ? 1 : 0;
        }
        assertThat(correct / 150.0).isGreaterThan(0.93);
    }

    @Test
    void shouldRoundTripAModelWithCommitteeThroughBytes() {
        LabeledData digits = TestData.digits();
        LabelModel model = new ModelTrainer(TaskType.IMAGE, TrainingOptions.defaults().withCommittee(3))
                .train(digits.items(), digits.labels());
        LabelModel copy = LabelModel.fromBytes(model.toBytes());
        assertThat(copy.classes()).isEqualTo(model.classes());
        assertThat(copy.metadata()).isEqualTo(model.metadata());
        assertThat(copy.committeeSize()).isEqualTo(3);
        byte[] item = digits.items().get(7);
        assertThat(copy.scorer().probabilities(item)).containsExactly(model.scorer().probabilities(item), within(1e-12));
    }
}
