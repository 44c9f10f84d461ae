package io.labelloop.browse;

import io.labelloop.shared.ApiException;
import java.util.List;

/**
 * What a lead asks the item browser for: {@code q} text in the item (case-insensitive), its id or its
 * externalId; {@code label} the item's final label (human, else imported, else the machine's);
 * {@code source} of that label ({@code HUMAN}, {@code IMPORTED}, {@code AUTO}, or {@code NONE} for
 * unlabeled); {@code predicted} the model's stored prediction (its auto-label or its queue entry's) and
 * its {@code minConfidence}-{@code maxConfidence}; {@code queued}; {@code flagged} (an open flag); the {@code sort} and the keyset
 * cursor {@code after} a previous page returned as {@code next}.
 */
public record BrowseQuery(String q, String label, String source, String predicted, Double minConfidence,
        Double maxConfidence, Boolean queued, Boolean flagged, Sort sort, String after, int limit) {

    public static final int MAX_LIMIT = 200;
    public static final List<String> SOURCES = List.of("HUMAN", "IMPORTED", "AUTO", "NONE");

    /** Orders the browser offers, each paged by a keyset on (value, id). */
    public enum Sort { NEWEST, OLDEST, LEAST_CONFIDENT, RECENTLY_LABELED }

    /** Without the flag filter. */
    public BrowseQuery(String q, String label, String source, String predicted, Double minConfidence, Double maxConfidence,
            Boolean queued, Sort sort, String after, int limit) {
        this(q, label, source, predicted, minConfidence, maxConfidence, queued, null, sort, after, limit);
    }

    public BrowseQuery {
        q = blankToNull(q);
        label = blankToNull(label);
        source = blankToNull(source);
        predicted = blankToNull(predicted);
        after = blankToNull(after);
        sort = sort == null ? Sort.NEWEST : sort;
        if (source != null && !SOURCES.contains(source)) {
            throw ApiException.invalid("source", "must be one of " + SOURCES);
        }
        for (Double c : new Double[] {minConfidence, maxConfidence}) {
            if (c != null && (c.isNaN() || c < 0 || c > 1)) {
                throw ApiException.invalid(c == minConfidence ? "minConfidence" : "maxConfidence", "must be between 0 and 1");
            }
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.invalid("limit", "must be 1 to " + MAX_LIMIT);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
