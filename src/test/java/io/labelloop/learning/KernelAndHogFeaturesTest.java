package io.labelloop.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.labelloop.learning.bench.LabeledData;
import io.labelloop.learning.encoding.ItemCodec;
import io.labelloop.learning.features.FeatureBuffer;
import io.labelloop.learning.features.Featurizer;
import io.labelloop.learning.features.HogFeaturizer;
import io.labelloop.learning.features.RandomFourierFeaturizer;
import io.labelloop.learning.features.StandardScalerFeaturizer;
import java.util.List;
import org.junit.jupiter.api.Test;

class KernelAndHogFeaturesTest {

    private static float[] features(Featurizer f, byte[] item) {
        FeatureBuffer b = new FeatureBuffer();
        f.featurize(item, b);
        return java.util.Arrays.copyOf(b.values, b.size);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void shouldMakeNearItemsSimilarAndFarItemsDissimilarInKernelFeatures() {
        List<byte[]> items = FamilyTrainerTest.rings(90, 1).items();
        var base = StandardScalerFeaturizer.fit(items);
        var rff = RandomFourierFeaturizer.fit(base, items, 4096, 1.0, 42);
        byte[] a = ItemEncoder.encodeNumeric(new float[]{0.1f, 0.1f, 0f});
        byte[] near = ItemEncoder.encodeNumeric(new float[]{0.12f, 0.1f, 0f});
        byte[] far = ItemEncoder.encodeNumeric(new float[]{4f, -4f, 2f});

        double self = dot(features(rff, a), features(rff, a));
        assertThat(rff.dimension()).isEqualTo(4096);
        assertThat(dot(features(rff, a), features(rff, near)) / self).isCloseTo(1.0, within(0.05));
        assertThat(dot(features(rff, a), features(rff, far)) / self).isCloseTo(0.0, within(0.1));
    }

    @Test
    void shouldStartTheNextKernelAndHogVersionsFromTheWeightsOfThePreviousOne() {
        TrainingOptions noSearch = new TrainingOptions(42, 0, 3, 1.0, 0); // a fixed penalty, as beyond 2,000 labels
        FamilyTrainer families = new FamilyTrainer(TaskType.TABULAR, noSearch, FamilyOptions.defaults());
        FamilyTrainerTest.Data rings = FamilyTrainerTest.rings(420, 3);
        ModelTrainer kernel = families.trainer(new FamilyCandidate(ModelFamily.KERNEL, Representation.STANDARD));
        LabelModel before = kernel.train(rings.first(400).items(), rings.first(400).labels());
        LabelModel warm = kernel.train(rings.items(), rings.labels(), List.of(), before);
        LabelModel cold = kernel.train(rings.items(), rings.labels());
        LabeledData digits = TestData.digits();
        ModelTrainer hog = new FamilyTrainer(TaskType.IMAGE, noSearch, FamilyOptions.defaults())
                .trainer(new FamilyCandidate(ModelFamily.LINEAR, Representation.HOG));
        int n = digits.items().size();
        LabelModel hogBefore = hog.train(digits.items().subList(0, n - 20), digits.labels().subList(0, n - 20));
        LabelModel hogWarm = hog.train(digits.items(), digits.labels(), List.of(), hogBefore);
        LabelModel hogCold = hog.train(digits.items(), digits.labels());

        assertThat(warm.metadata().epochs()).as("kernel: iterations from the previous version vs from zero")
                .isLessThan(cold.metadata().epochs());
        assertThat(hogWarm.metadata().epochs()).as("HOG: iterations from the previous version vs from zero")
                .isLessThan(hogCold.metadata().epochs());
    }

    @Test
    void shouldMapKernelColumnsOnlyBetweenFeaturizersOfTheSameSeedAndSize() {
        List<byte[]> items = FamilyTrainerTest.rings(90, 1).items();
        var base = StandardScalerFeaturizer.fit(items);
        var rff = RandomFourierFeaturizer.fit(base, items, 64, 3.0, 42);
        var refit = RandomFourierFeaturizer.fit(StandardScalerFeaturizer.fit(items.subList(0, 60)), items.subList(0, 60),
                64, 3.0, 42);

        assertThat(refit.columnsIn(rff)).containsExactly(java.util.stream.IntStream.range(0, 64).toArray());
        assertThat(RandomFourierFeaturizer.fit(base, items, 64, 3.0, 43).columnsIn(rff)).isNull();
        assertThat(RandomFourierFeaturizer.fit(base, items, 32, 3.0, 42).columnsIn(rff)).isNull();
        assertThat(HogFeaturizer.fit(TestData.digits().items()).columnsIn(rff)).isNull();
    }

    @Test
    void shouldGiveOneFeatureVectorPerBlockCellAndBinOnDigits() {
        LabeledData digits = TestData.digits();
        HogFeaturizer hog = HogFeaturizer.fit(digits.items());

        float[] f = features(hog, digits.items().getFirst());

        assertThat(hog.dimension()).isEqualTo(3 * 3 * 4 * HogFeaturizer.BINS);
        assertThat(f).hasSize(hog.dimension());
        assertThat(dot(f, f)).as("each of the 9 blocks is unit length").isCloseTo(9.0, within(0.1));
    }

    @Test
    void shouldBarelyMoveHogFeaturesWhenTheContrastChanges() {
        byte[] pixels = new byte[28 * 28], dimmer = new byte[28 * 28];
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                int v = Math.abs(x - 14) < 3 || Math.abs(y - 10) < 2 ? 200 : 20;
                pixels[y * 28 + x] = (byte) v;
                dimmer[y * 28 + x] = (byte) (v / 2);
            }
        }
        byte[] a = ItemCodec.writeGrey(28, 28, pixels), b = ItemCodec.writeGrey(28, 28, dimmer);
        HogFeaturizer hog = HogFeaturizer.fit(List.of(a));

        float[] fa = features(hog, a), fb = features(hog, b);

        assertThat(hog.dimension()).isEqualTo(6 * 6 * 4 * HogFeaturizer.BINS);
        assertThat(dot(fa, fb) / Math.sqrt(dot(fa, fa) * dot(fb, fb))).isGreaterThan(0.99);
    }

    @Test
    void shouldCompareHogWithPixelsOnImages() {
        LabeledData digits = TestData.digits();
        FamilyTrainer trainer = new FamilyTrainer(TaskType.IMAGE, TrainingOptions.defaults(), FamilyOptions.defaults());

        LabelModel m = trainer.train(digits.items().subList(0, 120), digits.labels().subList(0, 120), List.of(), null,
                ModelFamily.LINEAR, 1000);

        assertThat(m.choice().candidates()).extracting(FamilyChoice.CandidateScore::representation)
                .containsExactly(Representation.STANDARD, Representation.HOG);
        assertThat(m.choice().reason()).startsWith("LINEAR pinned by a lead, representation chosen: CV log-loss");
        assertThat(LabelModel.fromBytes(m.toBytes()).scorer().predict(digits.items().get(200)).label())
                .isEqualTo(m.scorer().predict(digits.items().get(200)).label());
    }
}
