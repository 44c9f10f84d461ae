package io.labelloop.queue.internal;

import io.labelloop.annotation.LabelingGate;
import io.labelloop.shared.HotTableVacuum;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The queue's side of storing a label. The admission is the trigger {@code labels_admit_human}
 * ({@code R__queue_admission.sql}): it deletes the item's entry unless someone else's lease is live, and skips the
 * label if it is. Here: who holds an item, to explain a skipped label.
 */
@Component
class QueueGate implements LabelingGate {

    private final JdbcClient jdbc;

    QueueGate(JdbcClient jdbc, HotTableVacuum vacuum) {
        this.jdbc = jdbc;
        vacuum.watch("queue_entries"); // every label deletes an entry, every claim rewrites one
    }

    @Override
    public Optional<Instant> heldByAnother(long itemId, long userId) {
        return jdbc.sql("select lease_expires_at from queue_entries where item_id = ? and lease_owner <> ? and lease_expires_at > now()")
                .params(itemId, userId).query(Timestamp.class).optional().map(Timestamp::toInstant);
    }
}
