package io.labelloop.learning;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.learning.bench.LabeledData;
import io.labelloop.learning.encoding.ItemCodec;
import io.labelloop.learning.features.FeatureBuffer;
import io.labelloop.learning.strategy.Candidate;
import io.labelloop.learning.strategy.Embeddings;
import io.labelloop.learning.strategy.GradientKMeansPlusPlus;
import io.labelloop.learning.strategy.Probabilities;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchSelectorTest {
    private static final LabeledData DIGITS = TestData.digits();
    private static final LabelModel MODEL = new ModelTrainer(TaskType.IMAGE, TrainingOptions.defaults().withCommittee(3))
            .train(DIGITS.items().subList(0, 60), DIGITS.labels().subList(0, 60));

    private static List<SelectedItem> run(StrategyName strategy, int b) {
        BatchSelector s = BatchSelector.create(MODEL, strategy, new SelectionOptions(b, 42, 40, 100, 1.0));
        for (int i = 0; i < 60; i++) {
            s.addLabeled(DIGITS.items().get(i));
        }
        for (int i = 60; i < DIGITS.size(); i++) {
            s.offer(i, DIGITS.items().get(i));
        }
        return s.select();
    }

    @Test
    void shouldStreamThePoolAndReturnTheSmallestMarginsInOrder() {
        List<SelectedItem> batch = run(StrategyName.MARGIN, 5);
        LabelModel.ItemScorer scorer = MODEL.scorer();
        List<Integer> expected = IntStream.range(60, DIGITS.size()).boxed()
                .sorted(Comparator.comparingDouble(i -> margin(scorer.probabilities(DIGITS.items().get(i))))).limit(5)
                .toList();
        assertThat(batch).extracting(s -> (int) s.itemId()).containsExactlyElementsOf(expected);
    }

    @Test
    void shouldOfferTheNextSmallestMarginsAfterTheBatchLeavingOutWhatIsTaken() {
        BatchSelector s = BatchSelector.create(MODEL, StrategyName.MARGIN, new SelectionOptions(5, 42, 40, 100, 1.0));
        for (int i = 60; i < DIGITS.size(); i++) {
            s.offer(i, DIGITS.items().get(i));
        }
        List<SelectedItem> batch = s.select();
        LabelModel.ItemScorer scorer = MODEL.scorer();
        List<Integer> byMargin = IntStream.range(60, DIGITS.size()).boxed()
                .sorted(Comparator.comparingDouble(i -> margin(scorer.probabilities(DIGITS.items().get(i))))).toList();
        List<Long> taken = new ArrayList<>(batch.stream().map(SelectedItem::itemId).toList());
        taken.add((long) byMargin.get(6)); // queued already (say under a lease)

        List<SelectedItem> next = s.nextBest(5, taken);

        assertThat(next).extracting(n -> (int) n.itemId())
                .containsExactly(byMargin.get(5), byMargin.get(7), byMargin.get(8), byMargin.get(9), byMargin.get(10));
        assertThat(s.nextBest(1000, taken)).as("no more than the candidates kept (40) less those taken")
                .hasSize(40 - 6);
    }

    @Test
    void shouldStillAskAboutTheItemsNearestTheBoundaryWhenTheModelIsSureOfTheWholePool() {
        // separable labels (x + y > 1) and a pool kept 0.2 or more away from the line: once the model is solved to
        // convergence on them, every pool item's top probability rounds to 1.0
        Random random = new Random(3);
        List<byte[]> train = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        while (train.size() < 200) {
            float x = random.nextFloat();
            float y = random.nextFloat();
            train.add(ItemCodec.writeFloats(new float[]{x, y}));
            labels.add(x + y > 1 ? "pos" : "neg");
        }
        LabelModel model = new ModelTrainer(TaskType.TABULAR, TrainingOptions.defaults()).train(train, labels);
        List<float[]> pool = new ArrayList<>();
        while (pool.size() < 2000) {
            float[] p = {random.nextFloat(), random.nextFloat()};
            if (Math.abs(p[0] + p[1] - 1) >= 0.2) {
                pool.add(p);
            }
        }
        LabelModel.ItemScorer scorer = model.scorer();
        long sure = pool.stream().filter(p -> max(scorer.probabilities(ItemCodec.writeFloats(p))) == 1.0).count();
        assertThat(sure).as("pool items whose top probability is exactly 1").isEqualTo(pool.size());

        for (StrategyName strategy : List.of(StrategyName.MARGIN, StrategyName.LEAST_CONFIDENCE, StrategyName.ENTROPY)) {
            BatchSelector s = BatchSelector.create(model, strategy, new SelectionOptions(20, 42, 100, 100, 1.0));
            for (int i = 0; i < pool.size(); i++) {
                s.offer(i, ItemCodec.writeFloats(pool.get(i)));
            }
            double[] chosen = s.select().stream().mapToDouble(c -> distance(pool.get((int) c.itemId()))).sorted().toArray();
            double[] nearest = pool.stream().mapToDouble(BatchSelectorTest::distance).sorted().limit(20).toArray();
            assertThat(chosen[chosen.length - 1]).as("%s: the farthest of the batch from the line", strategy)
                    .isLessThanOrEqualTo(nearest[nearest.length - 1] * 1.5);
        }
    }

    private static double distance(float[] p) {
        return Math.abs(p[0] + p[1] - 1);
    }

    private static double max(double[] p) {
        return Arrays.stream(p).max().orElseThrow();
    }

    private static double margin(double[] p) {
        double[] sorted = p.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length - 1] - sorted[sorted.length - 2];
    }

    @Test
    void shouldReturnDistinctUnlabelledItemsForEveryStrategy() {
        for (StrategyName strategy : StrategyName.values()) {
            List<SelectedItem> batch = run(strategy, 10);
            assertThat(batch).as(strategy.name()).hasSize(10);
            assertThat(batch).extracting(SelectedItem::itemId).doesNotHaveDuplicates()
                    .allMatch(id -> id >= 60);
        }
    }

    @Test
    void shouldGiveThreeOfTwentyUncertaintyDiversitySlotsToUniformRandomDraws() {
        List<SelectedItem> batch = run(StrategyName.UNCERTAINTY_DIVERSITY, 20);
        io.labelloop.learning.strategy.RandomShare share = new io.labelloop.learning.strategy.RandomShare(20, 42);
        List<Long> topDraws = IntStream.range(60, DIGITS.size()).mapToObj(i -> (long) i)
                .sorted(Comparator.comparingDouble((Long i) -> share.draw(i)).reversed()).limit(3).toList();
        assertThat(batch).hasSize(20).extracting(SelectedItem::itemId).containsAll(topDraws);
    }

    @Test
    void shouldKeepNearDuplicatesOutOfDiversityAwareBatches() {
        for (StrategyName strategy : List.of(StrategyName.CORESET, StrategyName.UNCERTAINTY_DIVERSITY,
                StrategyName.DENSITY_WEIGHTED)) {
            BatchSelector s = BatchSelector.create(MODEL, strategy, new SelectionOptions(10, 42, 40, 100, 1.0));
            for (int i = 60; i < DIGITS.size(); i++) {
                s.offer(i, DIGITS.items().get(i));
                s.offer(10_000 + i, DIGITS.items().get(i)); // an exact copy of every item
            }
            List<float[]> embeddings = new ArrayList<>();
            FeatureBuffer x = new FeatureBuffer();
            for (SelectedItem item : s.select()) {
                MODEL.featurizer().featurize(DIGITS.items().get((int) (item.itemId() % 10_000)), x);
                float[] e = Embeddings.embed(x);
                assertThat(embeddings).as(strategy.name()).noneMatch(o -> Embeddings.nearDuplicate(o, e));
                embeddings.add(e);
            }
        }
    }

    @Test
    void shouldRefuseCommitteeStrategiesWithoutACommittee() {
        LabelModel single = new ModelTrainer(TaskType.IMAGE).train(DIGITS.items().subList(0, 60),
                DIGITS.labels().subList(0, 60));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BatchSelector.create(single,
                StrategyName.VOTE_ENTROPY, SelectionOptions.ofBatch(5))).isInstanceOf(IllegalArgumentException.class);
    }
    @Test
    void shouldPickTheBadgeBatchOfTheTopCandidatesEmbeddedAsTheyWereScoredWhenEmbeddingWaitsForSelection() {
        int b = 6; // below 7 items the batch has no random share: BADGE alone over the top 5b by score
        BatchSelector s = BatchSelector.create(MODEL, StrategyName.UNCERTAINTY_DIVERSITY, new SelectionOptions(b, 42, 40, 100, 1.0));
        List<ScoredItem> scored = new ArrayList<>();
        for (int i = 60; i < DIGITS.size(); i++) {
            scored.add(s.offer(i, DIGITS.items().get(i)));
        }
        LabelModel.ItemScorer scorer = MODEL.scorer();
        FeatureBuffer features = new FeatureBuffer();
        List<Candidate> top = new ArrayList<>();
        scored.stream().sorted(Comparator.comparingDouble(ScoredItem::informativeness).reversed()
                .thenComparingLong(ScoredItem::itemId)).limit(5L * b).forEach(item -> {
                    byte[] encoded = DIGITS.items().get((int) item.itemId());
                    MODEL.featurizer().featurize(encoded, features);
                    double[] residual = scorer.probabilities(encoded);
                    residual[Probabilities.argmax(residual)] -= 1.0;
                    top.add(new Candidate(item.itemId(), item.informativeness(), Embeddings.embed(features), residual));
                });
        assertThat(s.select()).extracting(SelectedItem::itemId).containsExactlyElementsOf(
                GradientKMeansPlusPlus.select(top, b, 42).stream().map(Candidate::itemId).toList());
    }
}
