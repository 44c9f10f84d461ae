package io.labelloop.project;

import io.labelloop.learning.StrategyName;
import io.labelloop.learning.TaskType;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * Everything a lead sets on a project, as created (POST) or after a PATCH is applied. Null
 * numbers and flags take the service defaults on creation; a null {@code budget} means unlimited.
 * {@code stopped} ends labeling: the queue then hands out nothing and says STOPPED.
 * {@code auditFraction}: the share of auto-labeled items that also go to a human, to measure the
 * realized auto-label accuracy. {@code streamLabelingShare}: when set, stream items go to humans at
 * about this share, paced over time (null: ask whenever the model is unsure and budget remains).
 * {@code synthesisMaxShare}: the most synthetic items may make up of the waiting queue;
 * {@code synthesisAllowFlips}: whether image synthesis may mirror images (off where orientation matters).
 * {@code trainingAugmentation} (TABULAR): each model also trains on one label-preserving noisy copy of every
 * human-labeled training item (it helped on tabular data in docs/synthesis.md).
 * {@code labelKeys}: the lead's own keys on the labeling page (label to one letter or digit; the others
 * follow {@link LabelKeys}). {@code imageWidth} (IMAGE): the width of an image sent as pixel features
 * when it is not square (null: the square root of the pixel count).
 * {@code modelFamily}: {@value #AUTO_FAMILY} (chosen per project by cross-validated log-loss on the labels so far) or
 * a family from {@code GET /api/v1/model-families} that a lead pins.
 */
public record ProjectSettings(
        @NotBlank @Size(max = 200) String name,
        @NotNull TaskType taskType,
        @NotNull @Size(min = 2, max = 1000, message = "must name 2 to 1000 labels")
        List<@NotBlank(message = "must not be blank") @Size(max = 200) String> labels,
        @Min(value = 0, message = "must be 0 or more (null for unlimited)") Integer budget,
        StrategyName strategy,
        @Min(1) @Max(10_000) Integer batchSize,
        @Min(1) @Max(1_000_000) Integer retrainEvery,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") Double autoLabelThreshold,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false) Double autoLabelTargetAccuracy,
        @DecimalMin("0") @DecimalMax(value = "0.9", message = "must be at most 0.9") Double holdoutFraction,
        Boolean synthesisEnabled,
        Boolean stopped,
        @DecimalMin("0") @DecimalMax("1") Double auditFraction,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") Double streamLabelingShare,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "0.9", message = "must be at most 0.9") Double synthesisMaxShare,
        Boolean synthesisAllowFlips,
        Boolean trainingAugmentation,
        @Size(max = 1000) Map<String, String> labelKeys,
        @Min(1) @Max(10_000) Integer imageWidth,
        @Size(max = 32) String modelFamily) {

    public static final int DEFAULT_BATCH_SIZE = 50;
    public static final int DEFAULT_RETRAIN_EVERY = 20;
    public static final double DEFAULT_HOLDOUT_FRACTION = 0.1;
    public static final double DEFAULT_AUDIT_FRACTION = 0.05;
    public static final double DEFAULT_SYNTHESIS_MAX_SHARE = 0.25;
    /** The {@code modelFamily} value that lets cross-validation choose the family per project (the default). */
    public static final String AUTO_FAMILY = "AUTO";

    /** The same settings with service defaults filled in where the caller left a value out. */
    public ProjectSettings withDefaults() {
        return new ProjectSettings(name, taskType, labels, budget,
                strategy != null ? strategy : StrategyName.recommendedDefault(),
                batchSize != null ? batchSize : DEFAULT_BATCH_SIZE,
                retrainEvery != null ? retrainEvery : DEFAULT_RETRAIN_EVERY,
                autoLabelThreshold, autoLabelTargetAccuracy,
                holdoutFraction != null ? holdoutFraction : DEFAULT_HOLDOUT_FRACTION,
                synthesisEnabled != null && synthesisEnabled,
                stopped != null && stopped,
                auditFraction != null ? auditFraction : DEFAULT_AUDIT_FRACTION,
                streamLabelingShare,
                synthesisMaxShare != null ? synthesisMaxShare : DEFAULT_SYNTHESIS_MAX_SHARE,
                synthesisAllowFlips != null && synthesisAllowFlips,
                trainingAugmentation != null && trainingAugmentation,
                labelKeys == null || labelKeys.isEmpty() ? null : labelKeys, imageWidth,
                modelFamily != null ? modelFamily : AUTO_FAMILY);
    }
}
