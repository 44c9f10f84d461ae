package io.labelloop.queue.internal;

import io.labelloop.annotation.ItemLabeled;
import io.labelloop.annotation.LabelingGate;
import io.labelloop.shared.ApiException;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Lets a label in unless another user holds the item, and takes labeled items out of the queue. */
@Component
class QueueGate implements LabelingGate {

    private final JdbcClient jdbc;

    QueueGate(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Admission admit(long projectId, long itemId, long userId) {
        return jdbc.sql("select lease_owner, lease_expires_at, holdout from queue_entries where item_id = ? for update")
                .param(itemId)
                .query((rs, n) -> {
                    long owner = rs.getLong(1);
                    boolean hasOwner = !rs.wasNull();
                    Timestamp expires = rs.getTimestamp(2);
                    if (hasOwner && owner != userId && expires != null && expires.toInstant().isAfter(Instant.now())) {
                        throw ApiException.conflict("item " + itemId + " is leased to someone else until " + expires.toInstant());
                    }
                    return new Admission(rs.getBoolean(3));
                })
                .optional()
                .orElse(new Admission(false));
    }

    @EventListener
    void on(ItemLabeled event) {
        jdbc.sql("delete from queue_entries where item_id = ?").param(event.itemId()).update();
    }
}
