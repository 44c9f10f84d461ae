package io.labelloop.project;

import jakarta.persistence.Embeddable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

/**
 * When the model labels an item itself: at a fixed confidence {@code autoLabelThreshold}, or at the
 * threshold calibrated for {@code autoLabelTargetAccuracy} (one of the two, or neither: off).
 * {@code auditFraction}: the share of auto-labeled items that also go to a human, to measure the
 * realized auto-label accuracy.
 */
@Embeddable
public record AutoLabelSettings(
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") Double autoLabelThreshold,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false) Double autoLabelTargetAccuracy,
        @DecimalMin("0") @DecimalMax("1") Double auditFraction) {

    public static final double DEFAULT_AUDIT_FRACTION = 0.05;
    /** Every value left out. */
    public static final AutoLabelSettings UNSET = new AutoLabelSettings(null, null, null);

    public AutoLabelSettings withDefaults() {
        return new AutoLabelSettings(autoLabelThreshold, autoLabelTargetAccuracy,
                auditFraction != null ? auditFraction : DEFAULT_AUDIT_FRACTION);
    }
}
