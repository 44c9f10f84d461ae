package io.labelloop.learning;

import io.labelloop.learning.encoding.ItemCodec;
import io.labelloop.learning.features.FeatureBuffer;
import io.labelloop.learning.strategy.Candidate;
import io.labelloop.learning.strategy.DensityWeighting;
import io.labelloop.learning.strategy.Embeddings;
import io.labelloop.learning.strategy.GradientKMeansPlusPlus;
import io.labelloop.learning.strategy.KCenterGreedy;
import io.labelloop.learning.strategy.PointwiseStrategy;
import io.labelloop.learning.strategy.Probabilities;
import io.labelloop.learning.strategy.RandomShare;
import io.labelloop.learning.strategy.RandomStrategy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;

/**
 * Streams a pool of encoded items through a model and picks a ranked batch for one strategy in
 * bounded memory: it keeps the top candidates by pointwise informativeness and a uniform reservoir
 * sample (Vitter 1985, Algorithm R), never the whole pool. Not thread-safe: one selector per run.
 * <pre>{@code
 * BatchSelector s = BatchSelector.create(model, StrategyName.recommendedDefault(), SelectionOptions.ofBatch(20));
 * labeledItems.forEach(s::addLabeled);          // used by CORESET
 * pool.forEach(row -> s.offer(row.id(), row.bytes()));
 * List<SelectedItem> batch = s.select();
 * }</pre>
 */
public final class BatchSelector {
    /** UNCERTAINTY_DIVERSITY diversifies among the this-many-times-b items with the smallest margins. */
    public static final int UNCERTAIN_POOL_FACTOR = 5;
    /**
     * Relative scale of the seeded random jitter that breaks ties (e.g. equal vote entropies) without favouring low
     * ids. Relative, because where the model is sure the scores are far below any fixed jitter (1e-30 and less on
     * separable data) and still rank the items by how sure it is; scores of exactly 0 get a jitter below
     * {@link Double#MIN_NORMAL}.
     */
    private static final double TIE_BREAK = 1e-9;
    private final LabelModel model;
    private final StrategyName strategy;
    private final SelectionOptions options;
    private final PointwiseStrategy pointwise;
    private final LabelModel.ItemScorer scorer;
    private final double[] probabilities;
    private final double[][] committee;
    private final PriorityQueue<Kept> top = new PriorityQueue<>(Comparator.comparingDouble(Kept::score));
    private final Candidate[] reservoir;
    private final Random reservoirRandom;
    private final List<float[]> labeled = new ArrayList<>();
    private final boolean useDensity;
    private DensityWeighting density;
    /** UNCERTAINTY_DIVERSITY's random share of the batch (null for the other strategies). */
    private final RandomShare randomShare;
    private final int topLimit;
    private long seen;
    /** -1 before the first kept item; then the sentence embedding's length the diversity uses, or 0: model features. */
    private int sentenceDimensions = -1;
    /** Features of a kept item, recomputed when {@link #select} embeds it. */
    private final FeatureBuffer keptFeatures = new FeatureBuffer();

    private BatchSelector(LabelModel model, StrategyName strategy, SelectionOptions options) {
        this.model = model;
        this.strategy = strategy;
        this.options = options;
        this.pointwise = Strategies.pointwise(strategy);
        if (pointwise != null && pointwise.needsCommittee() && model.committeeSize() == 0) {
            throw new IllegalArgumentException(strategy + " needs a model trained with a committee "
                    + "(TrainingOptions.withCommittee)");
        }
        this.scorer = model.scorer();
        int k = model.classes().size();
        this.probabilities = new double[k];
        this.committee = new double[pointwise != null && pointwise.needsCommittee() ? model.committeeSize() : 0][k];
        this.reservoir = new Candidate[strategy == StrategyName.CORESET ? options.reservoirSize() : 0];
        this.topLimit = strategy == StrategyName.UNCERTAINTY_DIVERSITY
                ? Math.min(options.topCandidates(), UNCERTAIN_POOL_FACTOR * options.batchSize()) : options.topCandidates();
        this.reservoirRandom = new Random(options.seed());
        this.useDensity = strategy == StrategyName.DENSITY_WEIGHTED;
        this.randomShare = strategy == StrategyName.UNCERTAINTY_DIVERSITY
                ? new RandomShare(options.batchSize(), options.seed()) : null;
    }

    /** A selector for one round; {@code model} must have a committee for VOTE_ENTROPY and CONSENSUS_KL. */
    public static BatchSelector create(LabelModel model, StrategyName strategy, SelectionOptions options) {
        return new BatchSelector(model, strategy, options);
    }

    /** Registers an already-labelled item (CORESET measures distances to these). */
    public void addLabeled(byte[] encoded) {
        model.featurizer().featurize(encoded, features());
        labeled.add(Embeddings.embed(features()));
    }

    /**
     * Scores one pool item and keeps it if it may be selected. A kept item's {@code encoded} is held until
     * {@link #select} (the caller must not change it), where its embedding is computed, so that the many items
     * that enter the top and leave it again cost no embedding.
     */
    public ScoredItem offer(long itemId, byte[] encoded) {
        scorer.probabilities(encoded, probabilities);
        FeatureBuffer x = features();
        double score;
        if (strategy == StrategyName.RANDOM || strategy == StrategyName.CORESET) {
            score = RandomStrategy.score(itemId, options.seed());
        } else {
            if (committee.length > 0) {
                scorer.committeeProbabilities(committee);
            }
            double jitter = RandomStrategy.score(itemId, options.seed());
            score = pointwise.score(probabilities, committee, x.squaredNorm()) * (1 + TIE_BREAK * jitter)
                    + Double.MIN_NORMAL * jitter;
        }
        float[] embedding = null;
        if (useDensity) {
            embedding = Embeddings.embed(x);
            if (density == null) {
                density = new DensityWeighting(embedding.length);
            }
            density.add(embedding);
        }
        if (strategy != StrategyName.CORESET && (top.size() < topLimit || score > top.peek().score())) {
            decideDimensions(encoded);
            top.add(new Kept(itemId, score, encoded, residual(), embedding));
            if (top.size() > topLimit) {
                top.poll();
            }
        }
        if (randomShare != null && randomShare.wants(randomShare.draw(itemId))) {
            randomShare.offer(candidate(itemId, encoded, randomShare.draw(itemId), embedding, x));
        }
        offerToReservoir(itemId, encoded, score, embedding, x);
        seen++;
        int arg = Probabilities.argmax(probabilities);
        return new ScoredItem(itemId, model.classes().get(arg), probabilities[arg], score);
    }

    /** The ranked batch of up to b item ids. */
    public List<SelectedItem> select() {
        Map<Long, Candidate> pool = new LinkedHashMap<>();
        top.stream().sorted(Kept.BEST_FIRST).forEach(k -> pool.put(k.itemId(), new Candidate(k.itemId(), k.score(),
                k.embedding() != null ? k.embedding() : embedding(k.encoded()), k.residual())));
        for (Candidate c : reservoir) {
            if (c != null) {
                pool.putIfAbsent(c.itemId(), c);
            }
        }
        List<Candidate> candidates = new ArrayList<>(pool.values());
        int b = options.batchSize();
        List<Candidate> chosen = switch (strategy) {
            case CORESET -> KCenterGreedy.select(candidates, labeled, b, options.seed());
            case UNCERTAINTY_DIVERSITY -> randomShare.fill(
                    GradientKMeansPlusPlus.select(candidates, b - randomShare.slots(), options.seed()), b);
            case DENSITY_WEIGHTED -> densityWeighted(candidates, b);
            default -> candidates.subList(0, Math.min(b, candidates.size()));
        };
        List<SelectedItem> out = new ArrayList<>();
        for (Candidate c : chosen) {
            out.add(new SelectedItem(c.itemId(), out.size(), c.score()));
        }
        return out;
    }

    /**
     * Up to n more items to follow a batch, best first by the strategy's pointwise score (the informative candidates
     * kept while streaming, then the uniform reservoir's, which is all CORESET keeps), leaving out {@code taken} (the
     * batch and whatever else is queued). Cheap: no diversity pass, only the candidates already kept, so at most
     * {@code topCandidates} less the batch for the pointwise strategies and four batches for UNCERTAINTY_DIVERSITY.
     */
    public List<SelectedItem> nextBest(int n, Collection<Long> taken) {
        List<Kept> kept = new ArrayList<>(top);
        kept.sort(Kept.BEST_FIRST);
        for (Candidate c : reservoir) {
            if (c != null) {
                kept.add(new Kept(c.itemId(), c.score(), null, c.residual(), c.embedding()));
            }
        }
        Set<Long> seenIds = new HashSet<>(taken);
        List<SelectedItem> out = new ArrayList<>();
        for (Kept c : kept) {
            if (out.size() >= n) {
                break;
            }
            if (seenIds.add(c.itemId())) {
                out.add(new SelectedItem(c.itemId(), out.size(), c.score()));
            }
        }
        return out;
    }

    /** Items streamed so far. */
    public long seen() {
        return seen;
    }

    private List<Candidate> densityWeighted(List<Candidate> candidates, int b) {
        List<Candidate> weighted = new ArrayList<>();
        for (Candidate c : candidates) {
            double w = DensityWeighting.weighted(c.score(), density.density(c.embedding()), options.densityBeta());
            weighted.add(new Candidate(c.itemId(), w, c.embedding(), c.residual()));
        }
        weighted.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparingLong(Candidate::itemId));
        List<Candidate> chosen = new ArrayList<>();
        for (Candidate c : weighted) {
            if (chosen.size() == b) {
                break;
            }
            if (chosen.stream().noneMatch(o -> Embeddings.nearDuplicate(o.embedding(), c.embedding()))) {
                chosen.add(c);
            }
        }
        return chosen;
    }

    private void offerToReservoir(long itemId, byte[] encoded, double score, float[] embedding, FeatureBuffer x) {
        if (reservoir.length == 0) {
            return;
        }
        int slot = seen < reservoir.length ? (int) seen : (int) (reservoirRandom.nextDouble() * (seen + 1));
        if (slot < reservoir.length) {
            reservoir[slot] = candidate(itemId, encoded, score, embedding, x);
        }
    }

    /**
     * A kept item with the vector its diversity is measured on: for the default strategy a text's sentence
     * embedding when it carries one (items alike in meaning are then alike), else the model's features.
     */
    private Candidate candidate(long itemId, byte[] encoded, double score, float[] embedding, FeatureBuffer x) {
        decideDimensions(encoded);
        float[] e = embedding != null ? embedding
                : sentenceDimensions > 0 ? sentenceEmbedding(encoded, sentenceDimensions) : Embeddings.embed(x);
        return new Candidate(itemId, score, e, residual());
    }

    /** Decided by the first kept item, so that all vectors have one length. */
    private void decideDimensions(byte[] encoded) {
        if (sentenceDimensions < 0) {
            sentenceDimensions = strategy == StrategyName.UNCERTAINTY_DIVERSITY
                    ? ItemCodec.embeddingDimensions(encoded) : 0;
        }
    }

    /** p - e_yhat of the item just scored. */
    private double[] residual() {
        double[] residual = probabilities.clone();
        residual[Probabilities.argmax(probabilities)] -= 1.0;
        return residual;
    }

    /** The vector {@link #candidate} gives a kept item, from its encoding: the same features give the same vector. */
    private float[] embedding(byte[] encoded) {
        if (sentenceDimensions > 0) {
            return sentenceEmbedding(encoded, sentenceDimensions);
        }
        model.featurizer().featurize(encoded, keptFeatures);
        return Embeddings.embed(keptFeatures);
    }

    /** An item in the top by score; its embedding (null but for DENSITY_WEIGHTED) is computed in {@link #select}. */
    private record Kept(long itemId, double score, byte[] encoded, double[] residual, float[] embedding) {
        /** Highest score first, ties by item id: the order of the batch and of the picks behind it. */
        static final Comparator<Kept> BEST_FIRST = Comparator.comparingDouble(Kept::score).reversed()
                .thenComparingLong(Kept::itemId);
    }

    /** The item's sentence embedding (zeros when it has none yet). */
    private static float[] sentenceEmbedding(byte[] encoded, int dimensions) {
        float[] e = new float[dimensions];
        ItemCodec.readEmbedding(encoded, e);
        return e;
    }

    private FeatureBuffer features() {
        return scorer.lastFeatures();
    }
}
