package io.labelloop.project;

import jakarta.persistence.Embeddable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/**
 * How models are trained: after {@code retrainEvery} new human labels; {@code modelFamily}
 * {@value #AUTO_FAMILY} (chosen per project by cross-validated log-loss on the labels so far) or a
 * family from {@code GET /api/v1/model-families} that a lead pins; {@code trainingAugmentation}
 * (TABULAR): each model also trains on one label-preserving noisy copy of every human-labeled
 * training item (it helped on tabular data in docs/synthesis.md); {@code textRepresentation} (TEXT):
 * what a text becomes for the model, {@value #AUTO_REPRESENTATION} or one of {@link #TEXT_REPRESENTATIONS}
 * (see docs/embeddings.md for what the learner does with each so far).
 */
@Embeddable
public record ModelSettings(
        @Min(1) @Max(1_000_000) Integer retrainEvery,
        @Size(max = 32) String modelFamily,
        Boolean trainingAugmentation,
        @Size(max = 16) String textRepresentation) {

    public static final int DEFAULT_RETRAIN_EVERY = 20;
    /** The {@code modelFamily} value that lets cross-validation choose the family per project (the default). */
    public static final String AUTO_FAMILY = "AUTO";
    /** The {@code textRepresentation} value that lets the service choose per project (the default). */
    public static final String AUTO_REPRESENTATION = "AUTO";
    /** The values of {@code textRepresentation}. */
    public static final java.util.List<String> TEXT_REPRESENTATIONS =
            java.util.List.of(AUTO_REPRESENTATION, "NGRAMS", "EMBEDDINGS", "BOTH");
    /** Every value left out. */
    public static final ModelSettings UNSET = new ModelSettings(null, null, null, null);

    public ModelSettings withDefaults() {
        return new ModelSettings(
                retrainEvery != null ? retrainEvery : DEFAULT_RETRAIN_EVERY,
                modelFamily != null ? modelFamily : AUTO_FAMILY,
                trainingAugmentation != null && trainingAugmentation,
                textRepresentation != null ? textRepresentation : AUTO_REPRESENTATION);
    }

    /** The family a lead pinned, or null when {@value #AUTO_FAMILY} chooses. */
    public io.labelloop.learning.ModelFamily pinnedFamily() {
        return ModelFamilies.pinned(modelFamily);
    }
}
