package io.labelloop.item;

import java.time.Instant;

/**
 * A bulk upload as recorded: its counts, and the range of item ids it created in its project
 * ({@code firstItemId} to {@code lastItemId}, both null when it created none). Uploads to a project are
 * serialised, so the range holds that upload's items only, but for items streamed into the project while it ran.
 */
public record StoredUpload(long id, long projectId, Instant uploadedAt, long received, long created, long duplicates,
        long rejectedCount, Long firstItemId, Long lastItemId) {
}
