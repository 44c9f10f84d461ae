package io.labelloop.webhook.internal;

import io.labelloop.webhook.WebhookEvent;
import io.labelloop.webhook.WebhookSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Posts due outbox rows. Each round leases up to {@code batchSize} due rows in one statement
 * ({@code FOR UPDATE SKIP LOCKED}, so instances sharing the database never take the same row) by moving their next
 * attempt past the post's timeout; a killed instance's rows are due again once that lease runs out, so a delivery
 * is never lost (it may arrive twice: receivers dedupe on {@code deliveryId}). A hook's {@code ITEM_LABELED} rows of
 * one round go in one post ({@code items}); every other event goes alone. A 2xx answer marks the rows DELIVERED;
 * anything else (another status, a timeout, a refused address) schedules the next attempt after an exponential
 * backoff, and the last allowed attempt marks them FAILED.
 */
@Component
public class DeliveryWorker {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private final JdbcClient jdbc;
    private final WebhookSettings settings;
    private final TargetGuard guard;
    private final JsonMapper json;
    private final WebhookPoster poster;
    private final ExecutorService posting = Executors.newVirtualThreadPerTaskExecutor();
    private volatile Thread worker;
    /** {@code labelloop_webhook_deliveries_total} by outcome, counted per outbox row (a batched post counts each). */
    private final Counter deliveredRows;
    private final Counter retried;
    private final Counter failedForGood;

    DeliveryWorker(JdbcClient jdbc, WebhookSettings settings, TargetGuard guard, JsonMapper json, MeterRegistry registry) {
        this.deliveredRows = deliveryCounter("delivered", "posted and answered 2xx", registry);
        this.retried = deliveryCounter("retried", "failed, another attempt follows", registry);
        this.failedForGood = deliveryCounter("failed", "failed its last attempt", registry);
        this.jdbc = jdbc;
        this.settings = settings;
        this.guard = guard;
        this.json = json;
        this.poster = new WebhookPoster(guard, settings.timeout(), settings.batchSize());
    }

    private record Row(long id, long hookId, WebhookEvent event, String data, int attempts, Timestamp createdAt) {
    }

    private record Hook(long id, long projectId, String url, String secret) {
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (settings.scheduleEnabled()) {
            Thread t = new Thread(this::work, "webhook-delivery");
            t.setDaemon(true);
            worker = t;
            t.start();
        }
    }

    @PreDestroy
    void stop() throws IOException {
        Thread t = worker;
        worker = null;
        if (t != null) {
            t.interrupt();
        }
        posting.shutdownNow();
        poster.close();
    }

    private void work() {
        while (worker == Thread.currentThread()) {
            try {
                if (deliverDue() == 0) {
                    Thread.sleep(settings.pollInterval());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("Webhook delivery round failed: {}", e.toString());
                try {
                    Thread.sleep(settings.pollInterval());
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /** One round: leases the due rows, posts them and records the outcomes; returns how many rows it posted. */
    public int deliverDue() {
        long leaseSeconds = settings.timeout().toSeconds() + 30;
        List<Row> rows = jdbc.sql("""
                with due as (
                    select id from webhook_outbox where state = 'PENDING' and next_attempt_at <= now()
                    order by next_attempt_at, id limit ? for update skip locked)
                update webhook_outbox o set attempts = o.attempts + 1, last_attempt_at = now(),
                       next_attempt_at = now() + make_interval(secs => ?)
                from due where o.id = due.id
                returning o.id, o.webhook_id, o.event, o.data::text, o.attempts, o.created_at""")
                .params(settings.batchSize(), (double) leaseSeconds)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2), WebhookEvent.valueOf(rs.getString(3)),
                        rs.getString(4), rs.getInt(5), rs.getTimestamp(6)))
                .list();
        if (rows.isEmpty()) {
            return 0;
        }
        Map<Long, Hook> hooks = new LinkedHashMap<>();
        jdbc.sql("select id, project_id, url, secret from webhooks where id = any (?)")
                .param(rows.stream().map(Row::hookId).distinct().toArray(Long[]::new))
                .query((rs, n) -> new Hook(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)))
                .list().forEach(h -> hooks.put(h.id(), h));
        List<CompletableFuture<Void>> posts = new ArrayList<>();
        for (List<Row> group : groups(rows)) {
            Hook hook = hooks.get(group.getFirst().hookId());
            if (hook != null) {
                posts.add(post(hook, group));
            }
        }
        CompletableFuture.allOf(posts.toArray(CompletableFuture[]::new)).join();
        return rows.size();
    }

    /** A hook's ITEM_LABELED rows together, every other row alone. */
    private static List<List<Row>> groups(List<Row> rows) {
        Map<Long, List<Row>> labeled = new LinkedHashMap<>();
        List<List<Row>> groups = new ArrayList<>();
        for (Row r : rows) {
            if (r.event() == WebhookEvent.ITEM_LABELED) {
                labeled.computeIfAbsent(r.hookId(), h -> {
                    List<Row> g = new ArrayList<>();
                    groups.add(g);
                    return g;
                }).add(r);
            } else {
                groups.add(List.of(r));
            }
        }
        return groups;
    }

    private CompletableFuture<Void> post(Hook hook, List<Row> group) {
        byte[] body = body(hook, group);
        URI target;
        try {
            target = guard.checkUrl(hook.url());
        } catch (TargetGuard.RefusedTarget refused) {
            failed(group, null, "refused: the URL " + refused.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        Map<String, String> headers = Map.of(
                "X-Labelloop-Event", group.getFirst().event().name(),
                "X-Labelloop-Delivery", Long.toString(group.getFirst().id()),
                Signature.HEADER, Signature.of(hook.secret(), body));
        return CompletableFuture.runAsync(() -> {
            int status;
            try {
                status = poster.post(target, headers, body);
            } catch (PinnedDnsResolver.RefusedAddress refused) {
                failed(group, null, "refused: the URL " + refused.getMessage());
                return;
            } catch (IOException | RuntimeException error) {
                failed(group, null, error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage()));
                return;
            }
            if (status / 100 == 2) {
                delivered(group, status);
            } else {
                failed(group, status, "HTTP " + status);
            }
        }, posting);
    }

    private byte[] body(Hook hook, List<Row> group) {
        Row first = group.getFirst();
        ObjectNode envelope = json.createObjectNode();
        envelope.put("event", first.event().name());
        envelope.put("projectId", hook.projectId());
        envelope.put("webhookId", hook.id());
        envelope.put("deliveryId", first.id());
        envelope.put("createdAt", first.createdAt().toInstant().toString());
        if (first.event() == WebhookEvent.ITEM_LABELED) {
            ArrayNode ids = envelope.putArray("deliveryIds");
            ArrayNode items = envelope.putArray("items");
            for (Row r : group) {
                ids.add(r.id());
                items.add(json.readTree(r.data()));
            }
        } else {
            envelope.set("data", json.readTree(first.data()));
        }
        return json.writeValueAsString(envelope).getBytes(StandardCharsets.UTF_8);
    }

    private static Counter deliveryCounter(String outcome, String meaning, MeterRegistry registry) {
        return Counter.builder("labelloop.webhook.deliveries").tag("outcome", outcome)
                .description("Webhook delivery attempts by outcome (" + meaning + ")").register(registry);
    }

    private void delivered(List<Row> group, int status) {
        deliveredRows.increment(group.size());
        jdbc.sql("""
                update webhook_outbox set state = 'DELIVERED', delivered_at = now(), last_status = ?, last_error = null
                where id = any (?)""")
                .params(status, group.stream().map(Row::id).toArray(Long[]::new)).update();
    }

    private void failed(List<Row> group, Integer status, String error) {
        for (Row r : group) {
            Duration delay = settings.retryDelay(r.attempts());
            jdbc.sql("""
                    update webhook_outbox set last_status = ?, last_error = ?,
                           state = case when attempts >= ? then 'FAILED' else 'PENDING' end,
                           next_attempt_at = now() + make_interval(secs => ?)
                    where id = ?""")
                    .params(status, abbreviate(error), settings.maxAttempts(), delay.toMillis() / 1000.0, r.id()).update();
            (r.attempts() >= settings.maxAttempts() ? failedForGood : retried).increment();
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500);
    }
}
