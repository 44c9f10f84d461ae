package io.labelloop.project;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * How the labeling page shows items and takes answers: {@code labelKeys}, the lead's own keys (label
 * to one letter or digit; the others follow {@link LabelKeys}); {@code imageWidth} (IMAGE), the width
 * of an image sent as pixel features when it is not square (null: the square root of the pixel count).
 */
@Embeddable
public record LabelingPageSettings(
        @JdbcTypeCode(SqlTypes.JSON) @Column(columnDefinition = "jsonb") @Size(max = 1000) Map<String, String> labelKeys,
        @Min(1) @Max(10_000) Integer imageWidth) {

    /** The keys in the lead's order, unmodifiable. */
    public LabelingPageSettings {
        labelKeys = labelKeys == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(labelKeys));
    }

    /** Every value left out. */
    public static final LabelingPageSettings UNSET = new LabelingPageSettings(null, null);

    /** An empty key map is stored as none. */
    public LabelingPageSettings withDefaults() {
        return new LabelingPageSettings(labelKeys == null || labelKeys.isEmpty() ? null : labelKeys, imageWidth);
    }
}
