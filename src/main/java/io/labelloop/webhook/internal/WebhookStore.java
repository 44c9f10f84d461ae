package io.labelloop.webhook.internal;

import io.labelloop.webhook.WebhookEvent;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Registered hooks and their outbox rows (the delivery log). */
@Component
public class WebhookStore {

    private final JdbcClient jdbc;

    WebhookStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A registered hook (the secret stays in the database). */
    public record Hook(long id, long projectId, String url, List<WebhookEvent> events, Instant createdAt) {
    }

    /** One delivery of one event to one hook, with the outcome of its latest attempt. */
    public record Delivery(long id, WebhookEvent event, String state, int attempts, Instant createdAt,
                           Instant lastAttemptAt, Integer lastStatus, String lastError, Instant deliveredAt,
                           Instant nextAttemptAt) {
    }

    public long insert(long projectId, String url, List<WebhookEvent> events, String secret, Long userId) {
        return jdbc.sql("insert into webhooks (project_id, url, events, secret, created_by) values (?, ?, ?::text[], ?, ?) returning id")
                .params(projectId, url, textArray(events), secret, userId).query(Long.class).single();
    }

    public List<Hook> hooks(long projectId) {
        return jdbc.sql("select id, project_id, url, events, created_at from webhooks where project_id = ? order by id")
                .param(projectId).query(WebhookStore::hook).list();
    }

    public Optional<Hook> hook(long projectId, long hookId) {
        return jdbc.sql("select id, project_id, url, events, created_at from webhooks where project_id = ? and id = ?")
                .params(projectId, hookId).query(WebhookStore::hook).optional();
    }

    public boolean delete(long projectId, long hookId) {
        return jdbc.sql("delete from webhooks where project_id = ? and id = ?").params(projectId, hookId).update() > 0;
    }

    /** Newest first. */
    public List<Delivery> deliveries(long hookId, int limit) {
        return jdbc.sql("""
                select id, event, state, attempts, created_at, last_attempt_at, last_status, last_error, delivered_at,
                       next_attempt_at
                from webhook_outbox where webhook_id = ? order by id desc limit ?""")
                .params(hookId, limit).query((rs, n) -> new Delivery(rs.getLong(1), WebhookEvent.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getInt(4), instant(rs, 5), instant(rs, 6), (Integer) rs.getObject(7),
                        rs.getString(8), instant(rs, 9), "PENDING".equals(rs.getString(3)) ? instant(rs, 10) : null))
                .list();
    }

    /**
     * Adds an outbox row for every hook of the project that wants {@code event}, in the caller's transaction: the
     * row commits or rolls back with the change it announces.
     */
    public int enqueue(long projectId, WebhookEvent event, String dataJson) {
        return jdbc.sql("""
                insert into webhook_outbox (webhook_id, event, data)
                select id, ?, ?::jsonb from webhooks where project_id = ? and ? = any (events)""")
                .params(event.name(), dataJson, projectId, event.name()).update();
    }

    private static Hook hook(ResultSet rs, int n) throws SQLException {
        Array events = rs.getArray(4);
        List<WebhookEvent> list = Arrays.stream((String[]) events.getArray()).map(WebhookEvent::valueOf).toList();
        return new Hook(rs.getLong(1), rs.getLong(2), rs.getString(3), list, instant(rs, 5));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static String textArray(List<WebhookEvent> events) {
        return "{" + String.join(",", events.stream().map(Enum::name).toList()) + "}";
    }
}
