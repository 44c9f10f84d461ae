package io.labelloop.browse;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * An item's history for the browser: each human label given, changed or taken back (who, what, when;
 * table {@code label_events}, written by a trigger on {@code labels}), the machine's label and the
 * queue entry with the prediction of the model version that queued it.
 */
@Service
public class ItemHistory {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ItemHistory(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** One human label event; {@code user} null when the account is gone. */
    public record Event(Instant at, String user, String label, String action) {
    }

    /** The machine's label: its confidence and the model version that gave it. */
    public record MachineLabel(String label, Double confidence, Integer modelVersion, Instant at) {
    }

    /** The item's place in the queue: why, at which rank, and the prediction of the version that queued it. */
    public record QueueEntry(String reason, int rank, int skips, Integer modelVersion, Map<String, Object> prediction,
            String leasedTo, Instant leaseExpiresAt) {
    }

    public record History(List<Event> events, MachineLabel machineLabel, QueueEntry queue) {
    }

    @Transactional(readOnly = true)
    public History of(long projectId, long itemId) {
        List<Event> events = jdbc.sql("""
                select e.at, u.username, e.label, e.action from label_events e left join users u on u.id = e.user_id
                where e.item_id = ? and e.project_id = ? order by e.id desc limit 200""")
                .params(itemId, projectId)
                .query((rs, n) -> new Event(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
        Optional<MachineLabel> machine = jdbc.sql("""
                select label, confidence, model_version, updated_at from labels
                where item_id = ? and project_id = ? and source = 'AUTO'""")
                .params(itemId, projectId)
                .query((rs, n) -> new MachineLabel(rs.getString(1), (Double) rs.getObject(2), (Integer) rs.getObject(3),
                        rs.getTimestamp(4).toInstant()))
                .optional();
        Optional<QueueEntry> queue = jdbc.sql("""
                select q.reason, q.rank, q.skips, q.model_version, q.prediction::text, u.username, q.lease_expires_at
                from queue_entries q left join users u on u.id = q.lease_owner
                where q.item_id = ? and q.project_id = ?""")
                .params(itemId, projectId)
                .query((rs, n) -> new QueueEntry(rs.getString(1), rs.getInt(2), rs.getInt(3), (Integer) rs.getObject(4),
                        rs.getString(5) == null ? null : json.readValue(rs.getString(5), MAP), rs.getString(6),
                        rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant()))
                .optional();
        return new History(events, machine.orElse(null), queue.orElse(null));
    }

    private static final tools.jackson.core.type.TypeReference<Map<String, Object>> MAP = new tools.jackson.core.type.TypeReference<>() {
    };
}
