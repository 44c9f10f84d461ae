package io.labelloop.project;

import io.labelloop.learning.StrategyName;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * What the queue hands out and how much: {@code budget} human labels in all (null: unlimited), the
 * {@code strategy} that ranks the pool, {@code batchSize} items queued per training cycle, the
 * {@code holdoutFraction} of human labels kept aside for evaluation, and {@code stopped}, which ends
 * labeling (the queue then hands out nothing and says STOPPED), and {@code skipNearDuplicates}, with which a cycle
 * queues no item that is a near-duplicate (same meaning, by sentence embedding) of an item already labeled or
 * queued (TEXT projects; such items can still be auto-labeled). Null values take the defaults in
 * {@link #withDefaults()}.
 */
@Embeddable
public record QueueSettings(
        @Min(value = 0, message = "must be 0 or more (null for unlimited)") Integer budget,
        @Enumerated(EnumType.STRING) StrategyName strategy,
        @Min(1) @Max(10_000) Integer batchSize,
        @DecimalMin("0") @DecimalMax(value = "0.9", message = "must be at most 0.9") Double holdoutFraction,
        Boolean stopped,
        Boolean skipNearDuplicates) {

    public static final int DEFAULT_BATCH_SIZE = 50;
    public static final double DEFAULT_HOLDOUT_FRACTION = 0.1;
    /** Every value left out. */
    public static final QueueSettings UNSET = new QueueSettings(null, null, null, null, null, null);

    public QueueSettings withDefaults() {
        return new QueueSettings(budget,
                strategy != null ? strategy : StrategyName.recommendedDefault(),
                batchSize != null ? batchSize : DEFAULT_BATCH_SIZE,
                holdoutFraction != null ? holdoutFraction : DEFAULT_HOLDOUT_FRACTION,
                stopped != null && stopped,
                skipNearDuplicates != null && skipNearDuplicates);
    }
}
