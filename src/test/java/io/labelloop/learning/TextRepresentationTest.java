package io.labelloop.learning;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.learning.encoding.ItemCodec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Texts that carry sentence embeddings: the codec keeps terms and embedding together, the family choice compares
 * n-grams, embeddings and both under AUTO (and only what a pinned setting allows), models over them survive their
 * stored form, and the cold start clusters in embedding space.
 */
class TextRepresentationTest {

    private static final int DIMENSIONS = 16;

    /**
     * Texts whose words say nothing about their class (every class uses the same words at random) and whose
     * embeddings do: each class is a direction of the embedding space, plus noise.
     */
    static List<byte[]> meaningOnly(int n, long seed, List<String> labels) {
        Random rnd = new Random(seed);
        String[] words = {"the", "order", "arrived", "again", "never", "box", "taste", "late", "fine", "ok"};
        List<byte[]> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int c = i % 2;
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 6; w++) {
                text.append(words[rnd.nextInt(words.length)]).append(' ');
            }
            float[] e = new float[DIMENSIONS];
            for (int d = 0; d < DIMENSIONS; d++) {
                e[d] = (float) (0.3 * rnd.nextGaussian());
            }
            e[c] += 1.5f;
            items.add(embedded(ItemEncoder.encodeText(text.toString()), e));
            labels.add(c == 0 ? "stale" : "fresh");
        }
        return items;
    }

    static byte[] embedded(byte[] text, float[] e) {
        float max = 0;
        for (float v : e) {
            max = Math.max(max, Math.abs(v));
        }
        byte[] q = new byte[e.length];
        for (int d = 0; d < e.length; d++) {
            q[d] = (byte) Math.round(e[d] / max * 127);
        }
        return ItemEncoder.withEmbedding(text, q, max / 127);
    }

    @Test
    void shouldKeepTheTermsAndTheEmbeddingOfATextTogether() {
        byte[] terms = ItemEncoder.encodeText("stale, never again");
        byte[] both = embedded(terms, new float[] {0.5f, -0.25f, 0f, 1f});

        assertThat(ItemEncoder.hasEmbedding(both)).isTrue();
        assertThat(ItemEncoder.hasEmbedding(terms)).isFalse();
        assertThat(ItemEncoder.decode(both).termIds()).containsExactly(ItemEncoder.decode(terms).termIds());
        assertThat(ItemCodec.termsOnly(both)).containsExactly(terms);
        float[] e = new float[4];
        assertThat(ItemCodec.readEmbedding(both, e)).isEqualTo(4);
        assertThat(e).containsExactly(new float[] {0.5f, -0.25f, 0f, 1f}, org.assertj.core.data.Offset.offset(0.01f));
        assertThat(ItemCodec.readEmbedding(terms, e)).isZero();
        assertThat(e).containsOnly(0f);
        assertThat(ItemCodec.termsOnly(ItemEncoder.withEmbedding(both, new byte[] {1}, 1f))).containsExactly(terms);
    }

    @Test
    void shouldCompareNgramsEmbeddingsAndBothUnderAutoAndPickMeaningWhereWordsSayNothing() {
        List<String> labels = new ArrayList<>();
        List<byte[]> items = meaningOnly(60, 3, labels);
        var trainer = new FamilyTrainer(TaskType.TEXT, TrainingOptions.defaults(),
                FamilyOptions.defaults().withText(TextRepresentation.AUTO));

        LabelModel m = trainer.train(items, labels, List.of(), null, ModelFamily.LINEAR, 1000);

        assertThat(m.choice().candidates()).extracting(FamilyChoice.CandidateScore::representation)
                .containsExactly(Representation.BOTH, Representation.STANDARD, Representation.EMBEDDINGS);
        assertThat(m.choice().representation().usesEmbeddings()).isTrue();
        List<String> testLabels = new ArrayList<>();
        List<byte[]> test = meaningOnly(40, 4, testLabels);
        var scorer = m.scorer();
        long right = 0;
        for (int i = 0; i < test.size(); i++) {
            right += scorer.predict(test.get(i)).label().equals(testLabels.get(i)) ? 1 : 0;
        }
        assertThat(right).isGreaterThanOrEqualTo(36);

        LabelModel back = LabelModel.fromBytes(m.toBytes());
        assertThat(back.choice().representation()).isEqualTo(m.choice().representation());
        assertThat(back.scorer().probabilities(test.getFirst())).containsExactly(scorer.probabilities(test.getFirst()),
                org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void shouldTrainOnlyWhatThePinnedRepresentationAllowsAndNgramsWithoutEmbeddings() {
        List<String> labels = new ArrayList<>();
        List<byte[]> items = meaningOnly(60, 5, labels);
        var both = new FamilyTrainer(TaskType.TEXT, TrainingOptions.defaults(),
                FamilyOptions.defaults().withText(TextRepresentation.BOTH));
        LabelModel m = both.train(items, labels, List.of(), null, null, 1000);
        assertThat(m.choice().representation()).isEqualTo(Representation.BOTH);
        assertThat(m.choice().candidates()).extracting(FamilyChoice.CandidateScore::representation)
                .containsOnly(Representation.BOTH);
        LabelModel back = LabelModel.fromBytes(m.toBytes());
        assertThat(back.scorer().probabilities(items.get(7))).containsExactly(m.scorer().probabilities(items.get(7)),
                org.assertj.core.data.Offset.offset(1e-9));

        List<byte[]> plain = items.stream().map(ItemCodec::termsOnly).toList();
        LabelModel ngrams = both.train(plain, labels, List.of(), m, null, 1000);
        assertThat(ngrams.choice().representation()).isEqualTo(Representation.STANDARD);

        LabelModel again = both.train(items, labels, List.of(), ngrams, null, 1000);
        assertThat(again.choice().representation()).as("embeddings ready again: used at once").isEqualTo(Representation.BOTH);
    }

    @Test
    void shouldSwitchToEmbeddingsAtOnceWhenTheyBecomeReadyWithoutWaitingForMoreLabels() {
        List<String> labels = new ArrayList<>();
        List<byte[]> items = meaningOnly(60, 7, labels);
        var auto = new FamilyTrainer(TaskType.TEXT, TrainingOptions.defaults(), FamilyOptions.defaults());
        LabelModel before = auto.train(items.stream().map(ItemCodec::termsOnly).toList(), labels, List.of(), null,
                ModelFamily.LINEAR, 1000);
        assertThat(before.choice().representation()).isEqualTo(Representation.STANDARD);

        LabelModel after = auto.train(items, labels, List.of(), before, ModelFamily.LINEAR, 1000);

        assertThat(after.choice().candidates()).hasSize(3);
        assertThat(after.choice().representation().usesEmbeddings()).isTrue();
    }

    @Test
    void shouldSeedTheColdStartFromEveryMeaningClusterWhenTextsCarryEmbeddings() {
        List<String> labels = new ArrayList<>();
        List<byte[]> items = meaningOnly(200, 9, labels);
        var cold = new ColdStartSelector(TaskType.TEXT, 4, ColdStartSelector.DEFAULT_SAMPLE, 1);
        for (int i = 0; i < items.size(); i++) {
            cold.offer(i, items.get(i));
        }
        Set<String> seen = new HashSet<>();
        cold.select().forEach(s -> seen.add(labels.get((int) s.itemId())));
        assertThat(seen).containsExactlyInAnyOrder("stale", "fresh");
    }

    @Test
    void shouldMeasureTheDefaultStrategysDiversityOnEmbeddingsAndScoreItemsWithoutOne() {
        List<String> labels = new ArrayList<>();
        List<byte[]> items = meaningOnly(80, 11, labels);
        var trainer = new FamilyTrainer(TaskType.TEXT, TrainingOptions.defaults(),
                FamilyOptions.defaults().withText(TextRepresentation.EMBEDDINGS));
        LabelModel m = trainer.train(items.subList(0, 40), labels.subList(0, 40), List.of(), null, null, 1000);
        var selector = BatchSelector.create(m, StrategyName.UNCERTAINTY_DIVERSITY, SelectionOptions.ofBatch(10));
        for (int i = 40; i < 80; i++) {
            selector.offer(i, i % 7 == 0 ? ItemCodec.termsOnly(items.get(i)) : items.get(i));
        }
        assertThat(selector.select()).hasSize(10);
    }
}
