package io.labelloop.project;

import jakarta.persistence.Embeddable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * How many people judge an item: {@code judgmentsPerItem} different annotators (1-5; 1 is one human
 * label per item), and, with one judgment per item, a {@code qualityControlShare} of the items that
 * get a second judgment to measure agreement; {@code goldRate}, the share of the items a claim hands out
 * that are gold items (known labels, no budget cost, never shown as such). Null values take the defaults in {@link #withDefaults()}.
 */
@Embeddable
public record TeamSettings(
        @Min(1) @Max(value = 5, message = "must be between 1 and 5") Integer judgmentsPerItem,
        @DecimalMin("0") @DecimalMax(value = "1", message = "must be between 0 and 1") Double qualityControlShare,
        @DecimalMin("0") @DecimalMax(value = "0.5", message = "must be between 0 and 0.5") Double goldRate) {

    /** Every value left out. */
    public static final TeamSettings UNSET = new TeamSettings(null, null, null);

    public TeamSettings withDefaults() {
        return new TeamSettings(judgmentsPerItem != null ? judgmentsPerItem : 1,
                qualityControlShare != null ? qualityControlShare : 0.0, goldRate != null ? goldRate : 0.0);
    }

    /**
     * Whether labels go through judgments (some item wants more than one). Not a bean getter: it stays
     * out of the JSON, which has the two settings only.
     */
    public boolean severalJudgments() {
        return (judgmentsPerItem != null && judgmentsPerItem > 1) || (qualityControlShare != null && qualityControlShare > 0);
    }
}
