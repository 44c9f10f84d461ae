package io.labelloop.item;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An item as the API shows it, with its labels and (once models exist) its latest prediction. */
public record ItemView(
        long id,
        String externalId,
        String text,
        Map<String, Float> features,
        String imageUrl,
        Map<String, Object> metadata,
        boolean synthetic,
        Provenance synthesis,
        Instant createdAt,
        List<LabelView> labels,
        Object prediction) {

    /**
     * How a synthetic item was made: the items it came from, the method ("interpolation", "rotation",
     * "word-swap"...), a one-line description, and when it was marked not a valid example (null if not).
     */
    public record Provenance(List<Long> derivedFrom, String method, String description, Instant invalidAt) {
    }

    /** One label on the item and where it came from (HUMAN, IMPORTED, AUTO). */
    public record LabelView(String label, String source, String annotator, Instant labeledAt) {
    }
}
