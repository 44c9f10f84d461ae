package io.labelloop.project;

import jakarta.persistence.Embeddable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

/**
 * Synthetic items for people to label: {@code synthesisEnabled} turns them on;
 * {@code synthesisMaxShare} is the most they may make up of the waiting queue;
 * {@code synthesisAllowFlips}: whether image synthesis may mirror images (off where orientation matters).
 */
@Embeddable
public record SynthesisSettings(
        Boolean synthesisEnabled,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "0.9", message = "must be at most 0.9") Double synthesisMaxShare,
        Boolean synthesisAllowFlips) {

    public static final double DEFAULT_SYNTHESIS_MAX_SHARE = 0.25;
    /** Every value left out. */
    public static final SynthesisSettings UNSET = new SynthesisSettings(null, null, null);

    public SynthesisSettings withDefaults() {
        return new SynthesisSettings(synthesisEnabled != null && synthesisEnabled,
                synthesisMaxShare != null ? synthesisMaxShare : DEFAULT_SYNTHESIS_MAX_SHARE,
                synthesisAllowFlips != null && synthesisAllowFlips);
    }
}
