package io.labelloop.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.labelloop.learning.bench.LabeledData;
import io.labelloop.learning.features.FeatureBuffer;
import io.labelloop.learning.features.Featurizer;
import io.labelloop.learning.features.Featurizers;
import io.labelloop.learning.model.SoftmaxWeights;
import io.labelloop.learning.model.SparseSoftmaxTrainer;
import io.labelloop.learning.model.TribuoLogisticTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The array trainer the service uses must give the model Tribuo's trainer gives on the same data. */
class SparseSoftmaxTrainerTest {

    @Test
    void shouldMatchTribuosProbabilitiesOnSparseText() {
        assertMatchesTribuo(TestData.tweets(), 0.01);
    }

    @Test
    void shouldMatchTribuosProbabilitiesOnDenseTabularRows() {
        assertMatchesTribuo(TestData.iris(), 1.0);
    }

    @Test
    void shouldMatchTribuosProbabilitiesWithTenClassesAndNoPenalty() {
        assertMatchesTribuo(TestData.digits(), 0.0);
    }

    @Test
    void shouldGiveAClassWithoutTrainingExamplesNoProbabilityAsTribuoDoes() {
        LabeledData digits = TestData.digits();
        List<byte[]> items = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < digits.size(); i++) {
            if (!digits.labels().get(i).equals("3")) {
                items.add(digits.items().get(i));
                labels.add(digits.labels().get(i));
            }
        }
        Problem p = Problem.of(new LabeledData("digits", TaskType.IMAGE, List.of(), items, labels, List.of()),
                new ArrayList<>(new TreeSet<>(digits.labels())));
        SoftmaxWeights ours = SparseSoftmaxTrainer.train(p.x, p.y, p.classes.size(), p.dimension, 0.1, 42).weights();
        double[] probabilities = new double[p.classes.size()];
        ours.probabilities(p.x.get(0), probabilities);
        assertThat(probabilities[p.classes.indexOf("3")]).isLessThan(1e-9);
        assertMatches(p, ours, TribuoLogisticTrainer.train(p.x, p.y, p.classes, p.dimension, 0.1, 42).weights());
    }

    private static void assertMatchesTribuo(LabeledData data, double l2) {
        Problem p = Problem.of(data, new ArrayList<>(new TreeSet<>(data.labels())));
        SparseSoftmaxTrainer.Result ours = SparseSoftmaxTrainer.train(p.x, p.y, p.classes.size(), p.dimension, l2, 42);
        TribuoLogisticTrainer.Result theirs = TribuoLogisticTrainer.train(p.x, p.y, p.classes, p.dimension, l2, 42);
        assertThat(ours.epochs()).isEqualTo(theirs.epochs());
        assertMatches(p, ours.weights(), theirs.weights());
    }

    private static void assertMatches(Problem p, SoftmaxWeights ours, SoftmaxWeights theirs) {
        double[] a = new double[p.classes.size()];
        double[] b = new double[p.classes.size()];
        for (FeatureBuffer row : p.x) {
            ours.probabilities(row, a);
            theirs.probabilities(row, b);
            assertThat(a).containsExactly(b, within(1e-5));
        }
    }

    private record Problem(List<FeatureBuffer> x, int[] y, List<String> classes, int dimension) {
        static Problem of(LabeledData data, List<String> classes) {
            Featurizer f = Featurizers.fit(data.task(), data.items());
            int[] y = data.labels().stream().mapToInt(classes::indexOf).toArray();
            return new Problem(Featurizers.featurise(f, data.items()), y, classes, f.dimension());
        }
    }
}
