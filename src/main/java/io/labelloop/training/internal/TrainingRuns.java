package io.labelloop.training.internal;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A record of every requested or scheduled cycle that did something, with how it ended, and the instance
 * that runs it (whose end fails its unfinished runs, see {@link InterruptedRuns}).
 */
@Repository
public class TrainingRuns {

    private final JdbcClient jdbc;
    private final LiveInstances instances;

    TrainingRuns(JdbcClient jdbc, LiveInstances instances) {
        this.jdbc = jdbc;
        this.instances = instances;
    }

    public record Run(long id, long projectId, String trigger, String status, Instant requestedAt, Instant startedAt,
            Instant finishedAt, Integer modelVersion, String message) {
    }

    public long queued(long projectId, String trigger) {
        return jdbc.sql("""
                insert into training_runs (project_id, trigger, status, instance_id) values (?, ?, 'QUEUED', ?) returning id""")
                .params(projectId, trigger, instances.id()).query(Long.class).single();
    }

    public void started(long runId) {
        jdbc.sql("update training_runs set status = 'RUNNING', started_at = now() where id = ?").param(runId).update();
    }

    public void finished(long runId, String status, Integer modelVersion, String message) {
        jdbc.sql("update training_runs set status = ?, finished_at = now(), model_version = ?, message = ? where id = ?")
                .params(status, modelVersion, message, runId).update();
    }

    public Optional<Run> find(long projectId, long runId) {
        return jdbc.sql("select * from training_runs where project_id = ? and id = ?")
                .params(projectId, runId)
                .query((rs, n) -> {
                    int version = rs.getInt("model_version");
                    Integer modelVersion = rs.wasNull() ? null : version;
                    return new Run(rs.getLong("id"), rs.getLong("project_id"), rs.getString("trigger"), rs.getString("status"),
                            rs.getTimestamp("requested_at").toInstant(), instant(rs.getTimestamp("started_at")),
                            instant(rs.getTimestamp("finished_at")), modelVersion, rs.getString("message"));
                })
                .optional();
    }

    private static Instant instant(java.sql.Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
