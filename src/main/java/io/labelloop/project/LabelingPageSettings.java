package io.labelloop.project;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * How the labeling page shows items and takes answers: {@code labelKeys}, the lead's own keys (label
 * to one letter or digit; the others follow {@link LabelKeys}); {@code imageWidth} (IMAGE), the width
 * of an image sent as pixel features when it is not square (null: the square root of the pixel count);
 * {@code instructions}, what annotators read before they start (plain text, shown escaped);
 * {@code labelDescriptions}, per label what it means, with examples (plain text);
 * {@code featureColumns} (TABULAR), the lead's order of feature columns on the labeling page (those
 * named first, in this order) and {@code hiddenFeatures}, columns the page leaves out (null: ordered by
 * the current model's weights).
 */
@Embeddable
public record LabelingPageSettings(
        @JdbcTypeCode(SqlTypes.JSON) @Column(columnDefinition = "jsonb") @Size(max = 1000) Map<String, String> labelKeys,
        @Min(1) @Max(10_000) Integer imageWidth,
        @Size(max = 20_000) String instructions,
        @JdbcTypeCode(SqlTypes.JSON) @Column(columnDefinition = "jsonb") @Size(max = 1000)
        Map<String, @Size(max = 5_000) String> labelDescriptions,
        @JdbcTypeCode(SqlTypes.ARRAY) @Column(columnDefinition = "text[]") @Size(max = 10_000) List<String> featureColumns,
        @JdbcTypeCode(SqlTypes.ARRAY) @Column(columnDefinition = "text[]") @Size(max = 10_000) List<String> hiddenFeatures) {

    /** The keys and descriptions in the lead's order, unmodifiable. */
    public LabelingPageSettings {
        labelKeys = labelKeys == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(labelKeys));
        labelDescriptions = labelDescriptions == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(labelDescriptions));
        featureColumns = featureColumns == null ? null : List.copyOf(featureColumns);
        hiddenFeatures = hiddenFeatures == null ? null : List.copyOf(hiddenFeatures);
    }

    /** Every value left out. */
    public static final LabelingPageSettings UNSET = new LabelingPageSettings(null, null, null, null, null, null);

    /** Empty maps, lists and blank text are stored as none. */
    public LabelingPageSettings withDefaults() {
        Map<String, String> descriptions = labelDescriptions == null ? null : new LinkedHashMap<>(labelDescriptions);
        if (descriptions != null) {
            descriptions.values().removeIf(d -> d == null || d.isBlank());
        }
        return new LabelingPageSettings(labelKeys == null || labelKeys.isEmpty() ? null : labelKeys, imageWidth,
                instructions == null || instructions.isBlank() ? null : instructions.strip(),
                descriptions == null || descriptions.isEmpty() ? null : descriptions,
                featureColumns == null || featureColumns.isEmpty() ? null : featureColumns,
                hiddenFeatures == null || hiddenFeatures.isEmpty() ? null : hiddenFeatures);
    }

    /** The lead's description of a label, or null. */
    public String descriptionOf(String label) {
        return labelDescriptions == null ? null : labelDescriptions.get(label);
    }
}
