package io.labelloop.project;

import jakarta.persistence.Embeddable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

/**
 * How streamed items reach people: when {@code streamLabelingShare} is set, at about this share,
 * paced over time (null: whenever the model is unsure and budget remains).
 */
@Embeddable
public record StreamSettings(
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") Double streamLabelingShare) {

    /** Every value left out. */
    public static final StreamSettings UNSET = new StreamSettings(null);

    public StreamSettings withDefaults() {
        return this;
    }
}
