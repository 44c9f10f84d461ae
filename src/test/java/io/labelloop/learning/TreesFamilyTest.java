package io.labelloop.learning;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.learning.FamilyTrainerTest.Data;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TreesFamilyTest {

    /**
     * XOR of the signs of two columns, next to {@code noise} columns of Gaussian noise: no line separates the
     * classes, and the noise swamps the distances an RBF kernel measures, while a tree splits on the two columns.
     */
    static Data xor(int n, int noise, long seed) {
        Random rnd = new Random(seed);
        Data d = new Data(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < n; i++) {
            float[] v = new float[2 + noise];
            for (int j = 0; j < v.length; j++) {
                v[j] = (float) rnd.nextGaussian();
            }
            d.items().add(ItemEncoder.encodeNumeric(v));
            d.labels().add(v[0] * v[1] > 0 ? "same" : "opposite");
        }
        return d;
    }

    /**
     * Four stripes along one column, classes alternating (floor(x0) mod 2, x0 uniform on [0, 4)), next to
     * {@code noise} columns of Gaussian noise: no line separates the stripes, the noise widens the distances an RBF
     * kernel measures past the stripes' width, and a tree cuts the one column at the stripes' edges.
     */
    static Data stripes(int n, int noise, long seed) {
        Random rnd = new Random(seed);
        Data d = new Data(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < n; i++) {
            float[] v = new float[1 + noise];
            v[0] = (float) (rnd.nextDouble() * 4);
            for (int j = 1; j < v.length; j++) {
                v[j] = (float) rnd.nextGaussian();
            }
            d.items().add(ItemEncoder.encodeNumeric(v));
            d.labels().add((int) Math.floor(v[0]) % 2 == 0 ? "even" : "odd");
        }
        return d;
    }

    private static double accuracy(LabelModel m, Data test) {
        LabelModel.ItemScorer s = m.scorer();
        int right = 0;
        for (int i = 0; i < test.items().size(); i++) {
            right += s.predict(test.items().get(i)).label().equals(test.labels().get(i)) ? 1 : 0;
        }
        return right / (double) test.items().size();
    }

    private final FamilyTrainer trainer = new FamilyTrainer(TaskType.TABULAR, TrainingOptions.defaults(),
            FamilyOptions.defaults());

    @Test
    void shouldLearnXorWhereTheLinearModelCannot() {
        Data train = xor(300, 2, 1), test = xor(500, 2, 2);

        LabelModel trees = trainer.train(train.items(), train.labels(), List.of(), null, ModelFamily.TREES, 1000);
        LabelModel linear = trainer.train(train.items(), train.labels(), List.of(), null, ModelFamily.LINEAR, 1000);

        assertThat(trees.choice().family()).isEqualTo(ModelFamily.TREES);
        assertThat(trees.metadata().algorithm()).startsWith("random forest (100 trees");
        assertThat(accuracy(trees, test)).isGreaterThan(0.9);
        assertThat(accuracy(linear, test)).isLessThan(0.65);
    }

    @Test
    void shouldGiveProbabilitiesThatSumToOneAndACalibratedTemperature() {
        Data train = xor(200, 2, 3), test = xor(50, 2, 4);

        LabelModel m = trainer.train(train.items(), train.labels(), List.of(), null, ModelFamily.TREES, 1000);

        LabelModel.ItemScorer s = m.scorer();
        for (byte[] item : test.items()) {
            double[] p = s.probabilities(item);
            assertThat(p).hasSize(2);
            assertThat(p[0] + p[1]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(p[0]).isBetween(0.0, 1.0);
        }
        assertThat(m.metadata().temperature()).isBetween(0.05, 20.0);
        assertThat(m.metadata().eceBeforeScaling()).isNotNaN();
    }

    @Test
    void shouldScoreTheSameAfterAStoreAndLoad() {
        Data d = xor(120, 3, 5);

        LabelModel m = new FamilyTrainer(TaskType.TABULAR, TrainingOptions.defaults().withCommittee(3),
                FamilyOptions.defaults()).train(d.items(), d.labels(), List.of(), null, ModelFamily.TREES, 1000);
        LabelModel loaded = LabelModel.fromBytes(m.toBytes());

        assertThat(loaded.choice().family()).isEqualTo(ModelFamily.TREES);
        assertThat(loaded.committeeSize()).isEqualTo(3);
        assertThat(loaded.metadata().algorithm()).isEqualTo(m.metadata().algorithm());
        for (int i = 0; i < 10; i++) {
            assertThat(loaded.scorer().probabilities(d.items().get(i)))
                    .containsExactly(m.scorer().probabilities(d.items().get(i)));
        }
        assertThat(loaded.parameters().featurizer()).isInstanceOf(FeaturizerParameters.Forest.class);
    }

    @Test
    void shouldChooseTreesAutomaticallyOnStripesWithNoiseAndSayWhy() {
        Data d = stripes(150, 4, 6);

        LabelModel m = trainer.train(d.items(), d.labels(), List.of(), null, null, 1000);

        assertThat(m.choice().family()).as(m.choice().reason()).isEqualTo(ModelFamily.TREES);
        assertThat(m.choice().automatic()).isTrue();
        assertThat(m.choice().candidates()).extracting(FamilyChoice.CandidateScore::family)
                .containsExactly(ModelFamily.LINEAR, ModelFamily.KERNEL, ModelFamily.TREES);
        assertThat(m.choice().reason()).startsWith("chosen automatically: CV log-loss ")
                .contains("vs LINEAR ").contains("KERNEL ").contains("on 150 labels");
    }

    @Test
    void shouldNotConsiderTreesWhenScoringAHugePoolWouldTakeTooLong() {
        Data d = stripes(150, 4, 6);

        LabelModel small = trainer.train(d.items(), d.labels(), List.of(), null, null, 100_000);
        LabelModel m = trainer.train(d.items(), d.labels(), List.of(), null, null, 1_000_000);

        assertThat(small.choice().family()).isEqualTo(ModelFamily.TREES);
        assertThat(m.choice().family()).isEqualTo(ModelFamily.LINEAR);
        assertThat(m.choice().reason()).contains("TREES not considered: scoring the pool of 1,000,000 items would take "
                + "about 2.7e+10 operations, more than the 1e+10 a cycle allows");
    }

    @Test
    void shouldSelectDistinctPoolItemsWithEveryStrategyOnATreesModel() {
        Data d = stripes(260, 4, 8);
        LabelModel m = new FamilyTrainer(TaskType.TABULAR, TrainingOptions.defaults().withCommittee(3),
                FamilyOptions.defaults()).train(d.items().subList(0, 60), d.labels().subList(0, 60), List.of(), null,
                ModelFamily.TREES, 200);

        for (StrategyName strategy : StrategyName.values()) {
            BatchSelector s = BatchSelector.create(m, strategy, SelectionOptions.ofBatch(10));
            d.items().subList(0, 60).forEach(s::addLabeled);
            for (int i = 60; i < d.items().size(); i++) {
                s.offer(i, d.items().get(i));
            }
            List<SelectedItem> batch = s.select();

            assertThat(batch).as(strategy.name()).hasSize(10);
            assertThat(batch).extracting(SelectedItem::itemId).doesNotHaveDuplicates().allMatch(id -> id >= 60);
        }
    }

    @Test
    void shouldTrainLinearWhenTreesArePinnedOnText() {
        List<byte[]> items = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            items.add(ItemEncoder.encodeText(i % 2 == 0 ? "good great fine " + i : "bad awful poor " + i));
            labels.add(i % 2 == 0 ? "pos" : "neg");
        }

        LabelModel m = new FamilyTrainer(TaskType.TEXT, TrainingOptions.defaults(), FamilyOptions.defaults())
                .train(items, labels, List.of(), null, ModelFamily.TREES, 1000);

        assertThat(m.choice().family()).isEqualTo(ModelFamily.LINEAR);
        assertThat(m.choice().reason()).contains("TREES is not offered for TEXT projects; LINEAR instead");
    }
}
