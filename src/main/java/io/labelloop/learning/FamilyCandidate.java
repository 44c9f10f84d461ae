package io.labelloop.learning;

import io.labelloop.learning.features.ConcatFeaturizer;
import io.labelloop.learning.features.EmbeddingFeaturizer;
import io.labelloop.learning.features.Featurizer;
import io.labelloop.learning.features.Featurizers;
import io.labelloop.learning.features.HogFeaturizer;
import io.labelloop.learning.features.RandomFourierFeaturizer;
import java.util.ArrayList;
import java.util.List;

/** A model family over a representation: what {@link FamilyTrainer} compares, and how its features are fitted. */
public record FamilyCandidate(ModelFamily family, Representation representation) {
    /** Random Fourier features of the {@link ModelFamily#KERNEL} family. */
    public static final int KERNEL_FEATURES = 512;
    /**
     * gamma as a multiple of 1 / median squared distance: 3 (a narrower kernel than the plain median heuristic)
     * gave the best test accuracy on vowel, glass and ionosphere at 100 and 300 labels among 1, 3, 5 and 8.
     */
    public static final double KERNEL_BANDWIDTH = 3.0;

    public static final FamilyCandidate LINEAR = new FamilyCandidate(ModelFamily.LINEAR, Representation.STANDARD);

    /**
     * Fits this candidate's featurizer (the representation, then the family's feature map); for {@link ModelFamily#TREES}
     * the representation only, the forest being fitted on the labels by {@link ModelTrainer#forest}.
     */
    public Featurizer fit(TaskType task, List<byte[]> items, long seed) {
        Featurizer base = switch (representation) {
            case HOG -> HogFeaturizer.fit(items);
            case EMBEDDINGS -> EmbeddingFeaturizer.fit(items);
            case BOTH -> new ConcatFeaturizer(Featurizers.fit(task, items), EmbeddingFeaturizer.fit(items));
            case STANDARD -> Featurizers.fit(task, items);
        };
        return family == ModelFamily.KERNEL
                ? RandomFourierFeaturizer.fit(base, items, KERNEL_FEATURES, KERNEL_BANDWIDTH, seed)
                : base;
    }

    /** The candidates a task offers with {@code family} ({@code null}: every family), linear on the task's features first. */
    public static List<FamilyCandidate> offered(TaskType task, ModelFamily family, byte[] example) {
        return offered(task, family, example, TextRepresentation.NGRAMS);
    }

    /**
     * Whether {@code task} offers {@code family}: trees for TABULAR (compared by {@code AUTO}) and IMAGE (only when
     * pinned: on pixels and HOG the linear and kernel heads already win and a forest costs a comparison more), not
     * for TEXT, whose sparse n-gram columns a forest of axis-aligned splits uses poorly.
     */
    public static boolean offers(TaskType task, ModelFamily family, boolean pinned) {
        return family != ModelFamily.TREES || task == TaskType.TABULAR || task == TaskType.IMAGE && pinned;
    }

    /**
     * The same for a TEXT setting: with the items' sentence embeddings ({@code example} carries one) the
     * representations {@code text} allows, n-grams otherwise. A family the task does not offer gives the linear
     * candidates.
     */
    public static List<FamilyCandidate> offered(TaskType task, ModelFamily family, byte[] example,
                                                TextRepresentation text) {
        List<Representation> representations = new ArrayList<>(List.of(Representation.STANDARD));
        if (task == TaskType.IMAGE && HogFeaturizer.applies(example)) {
            representations.add(Representation.HOG);
        }
        if (task == TaskType.TEXT) {
            representations = text.candidates(ItemEncoder.hasEmbedding(example));
        }
        List<FamilyCandidate> out = new ArrayList<>();
        if (family != null && !offers(task, family, true)) {
            family = ModelFamily.LINEAR;
        }
        for (ModelFamily f : ModelFamily.values()) {
            if ((family == null || family == f) && offers(task, f, family != null)) {
                for (Representation r : representations) {
                    out.add(new FamilyCandidate(f, r));
                }
            }
        }
        return out;
    }

    /** "KERNEL", "KERNEL over HOG" or "LINEAR over BOTH". */
    public String label() {
        return representation == Representation.STANDARD ? family.name() : family.name() + " over " + representation.name();
    }
}
