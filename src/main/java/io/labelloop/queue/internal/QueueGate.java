package io.labelloop.queue.internal;

import io.labelloop.annotation.LabelingGate;
import io.labelloop.shared.ApiException;
import java.sql.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Lets a label in unless another user holds the item, taking the item out of the queue as it does. */
@Component
class QueueGate implements LabelingGate {

    private final JdbcClient jdbc;

    QueueGate(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One statement when the item is free or leased to the caller (the usual case): it deletes the
     * entry unless someone else's lease is live. Only when nothing was deleted does a second look
     * tell a live lease of someone else (409) from an item that was not queued at all.
     */
    @Override
    public Admission admit(long projectId, long itemId, long userId) {
        var taken = jdbc.sql("""
                delete from queue_entries where item_id = ?
                and (lease_owner is null or lease_owner = ? or lease_expires_at is null or lease_expires_at <= now())
                returning holdout""")
                .params(itemId, userId).query(Boolean.class).optional();
        if (taken.isPresent()) {
            return new Admission(taken.get());
        }
        jdbc.sql("select lease_expires_at from queue_entries where item_id = ? and lease_owner <> ? and lease_expires_at > now()")
                .params(itemId, userId).query(Timestamp.class).optional()
                .ifPresent(until -> {
                    throw ApiException.conflict("item " + itemId + " is leased to someone else until " + until.toInstant());
                });
        return new Admission(false);
    }
}
