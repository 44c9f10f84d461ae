package io.labelloop.item;

import java.util.List;

/**
 * What an upload did: every record counted, new items created, duplicates of an externalId
 * already stored (or seen earlier in the same upload) skipped, and the rejected rows with reasons.
 * {@code rejectedCount} counts all rejections; {@code rejected} lists the first ones. {@code uploadId} names the
 * report at {@code GET .../uploads/{uploadId}}, which adds what background work later finds about the items
 * (near-duplicates, once they are embedded).
 */
public record UploadReport(long uploadId, long received, long created, long duplicates, List<Rejection> rejected, long rejectedCount) {

    /** A record that was not stored: its 1-based line (or array position), its externalId if any, and why. */
    public record Rejection(long line, String externalId, String error) {
    }
}
