package io.labelloop.stream;

import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What the stream decided so far and where propagation stands: the numbers a lead needs next to the
 * audited accuracy to judge the machine's labels.
 */
@Service
public class StreamOverview {

    private final JdbcClient jdbc;

    StreamOverview(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param streamed        items that arrived on the stream
     * @param autoLabeled     of those, labeled by the model
     * @param queuedForHuman  of those, sent to a human (within the budget)
     * @param notQueued       of those, neither sure enough nor within the budget
     * @param auditsSent      auto-labeled items also sent to a human for the audit
     * @param propagation     the last propagation over the pool, or null if none ran
     */
    public record Overview(long streamed, long autoLabeled, long queuedForHuman, long notQueued, long auditsSent,
            Propagation propagation) {
    }

    /** The last propagation: whether it re-runs after new models, on which model, what it did. */
    public record Propagation(boolean enabled, Integer modelVersion, long scanned, long autoLabeled, long removed,
            Instant ranAt) {
    }

    public Overview of(long projectId) {
        Overview counts = jdbc.sql("""
                select count(*),
                       count(*) filter (where decision = 'AUTO_LABELED'),
                       count(*) filter (where decision = 'QUEUED'),
                       count(*) filter (where decision = 'NOT_QUEUED'),
                       count(*) filter (where audit)
                from stream_decisions where project_id = ?""")
                .param(projectId)
                .query((rs, n) -> new Overview(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        null))
                .single();
        Propagation propagation = jdbc.sql("""
                select enabled, model_version, scanned, auto_labeled, removed, ran_at from propagations
                where project_id = ?""")
                .param(projectId)
                .query((rs, n) -> new Propagation(rs.getBoolean(1), (Integer) rs.getObject(2), rs.getLong(3),
                        rs.getLong(4), rs.getLong(5), rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant()))
                .optional().orElse(null);
        return new Overview(counts.streamed(), counts.autoLabeled(), counts.queuedForHuman(), counts.notQueued(),
                counts.auditsSent(), propagation);
    }
}
