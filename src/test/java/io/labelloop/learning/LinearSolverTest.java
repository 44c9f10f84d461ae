package io.labelloop.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.labelloop.learning.bench.LabeledData;
import io.labelloop.learning.features.FeatureBuffer;
import io.labelloop.learning.features.Featurizers;
import io.labelloop.learning.model.LbfgsSoftmaxTrainer;
import io.labelloop.learning.model.SoftmaxWeights;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinearSolverTest {

    /**
     * scikit-learn 1.2.1 {@code LogisticRegression(C=..., tol=1e-12)} on iris standardised by {@code StandardScaler}
     * (which our featurizer equals on iris: no skewed column, nothing clipped), rows 0, 50, 70, 100, 133.
     */
    private static final int[] ROWS = {0, 50, 70, 100, 133};
    private static final double[][] SKLEARN_C1 = {
            {0.984695, 0.015305, 0.000000}, {0.004729, 0.864895, 0.130375}, {0.012009, 0.440324, 0.547667},
            {0.000015, 0.006225, 0.993760}, {0.001980, 0.584009, 0.414010}};
    private static final double[][] SKLEARN_C100 = {
            {0.999866, 0.000134, 0.000000}, {0.000002, 0.999714, 0.000285}, {0.000033, 0.510619, 0.489348},
            {0.000000, 0.000000, 1.000000}, {0.000001, 0.706757, 0.293242}};

    @Test
    void shouldReachScikitLearnsLogisticRegressionOptimumOnIris() {
        assertMatchesScikitLearn(1.0, SKLEARN_C1);
        assertMatchesScikitLearn(0.01, SKLEARN_C100);
    }

    private static void assertMatchesScikitLearn(double l2, double[][] expected) {
        LabeledData iris = TestData.iris();
        LabelModel model = new ModelTrainer(TaskType.TABULAR).trainFixed(iris.items(), iris.labels(), l2, 1.0);
        assertThat(model.metadata().algorithm()).contains("L-BFGS");
        for (int r = 0; r < ROWS.length; r++) {
            double[] p = model.scorer().probabilities(iris.items().get(ROWS[r]));
            assertThat(p).containsExactly(expected[r], within(2e-4));
        }
    }

    @Test
    void shouldEndAtTheSameModelFromAnyStartingPoint() {
        LabeledData tweets = TestData.tweets();
        LabelModel model = new ModelTrainer(TaskType.TEXT).trainFixed(tweets.items(), tweets.labels(), 1.0, 1.0);
        List<FeatureBuffer> x = Featurizers.featurise(model.featurizer(), tweets.items());
        int[] y = tweets.labels().stream().mapToInt(model.classes()::indexOf).toArray();
        int d = model.featurizer().dimension();
        LbfgsSoftmaxTrainer.Result cold = LbfgsSoftmaxTrainer.train(x, y, 2, d, 1.0, null);
        SoftmaxWeights elsewhere = LbfgsSoftmaxTrainer.train(x.subList(0, 100), java.util.Arrays.copyOf(y, 100), 2, d,
                0.01, null).weights();
        LbfgsSoftmaxTrainer.Result warm = LbfgsSoftmaxTrainer.train(x, y, 2, d, 1.0, elsewhere);
        assertThat(cold.converged()).isTrue();
        assertThat(warm.converged()).isTrue();
        double[] a = new double[2], b = new double[2];
        for (FeatureBuffer row : x) {
            cold.weights().probabilities(row, a);
            warm.weights().probabilities(row, b);
            assertThat(b).containsExactly(a, within(1e-3));
        }
    }

    @Test
    void shouldNeedFewerIterationsWhenStartedFromTheModelOnFewerLabels() {
        LabeledData digits = TestData.digits();
        LabelModel model = new ModelTrainer(TaskType.IMAGE).trainFixed(digits.items(), digits.labels(), 1.0, 1.0);
        List<FeatureBuffer> x = Featurizers.featurise(model.featurizer(), digits.items());
        int[] y = digits.labels().stream().mapToInt(model.classes()::indexOf).toArray();
        int d = model.featurizer().dimension();
        SoftmaxWeights previous = LbfgsSoftmaxTrainer.train(x.subList(0, 280), java.util.Arrays.copyOf(y, 280), 10, d,
                1.0, null).weights();
        int cold = LbfgsSoftmaxTrainer.train(x, y, 10, d, 1.0, null).iterations();
        int warm = LbfgsSoftmaxTrainer.train(x, y, 10, d, 1.0, previous).iterations();
        assertThat(warm).isLessThan(cold);
    }

    @Test
    void shouldGiveAClassWithoutTrainingExamplesANegligibleProbability() {
        LabeledData iris = TestData.iris();
        LabelModel model = new ModelTrainer(TaskType.TABULAR).trainFixed(iris.items(), iris.labels(), 1.0, 1.0);
        List<FeatureBuffer> x = Featurizers.featurise(model.featurizer(), iris.items());
        int[] y = iris.labels().stream().mapToInt(model.classes()::indexOf).toArray();
        SoftmaxWeights w = LbfgsSoftmaxTrainer.train(x, y, 4, model.featurizer().dimension(), 1.0, null).weights();
        double[] p = new double[4];
        w.probabilities(x.get(0), p);
        assertThat(p[3]).isLessThan(1e-9);
        assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, within(1e-9));
    }
}
