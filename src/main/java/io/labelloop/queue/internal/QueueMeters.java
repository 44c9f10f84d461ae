package io.labelloop.queue.internal;

import io.labelloop.shared.CachedReading;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Queue depth for Prometheus, summed over all projects (no project tag: the series would grow with the number of
 * projects; a project's own figures are in its {@code stats}): ranked entries waiting for a claim and entries under
 * a live lease. Read from {@code queue_entries} at most every {@link CachedReading#FRESH_FOR}.
 */
@Component
class QueueMeters {

    private record Depth(long waiting, long leased) {
    }

    QueueMeters(JdbcClient jdbc, MeterRegistry registry) {
        var depth = new CachedReading<>(() -> jdbc.sql("""
                select count(*) filter (where lease_expires_at is null or lease_expires_at < now()),
                       count(*) filter (where lease_expires_at >= now())
                from queue_entries""")
                .query((rs, n) -> new Depth(rs.getLong(1), rs.getLong(2))).single());
        Gauge.builder("labelloop.queue.depth", depth, d -> d.get().waiting())
                .description("Queue entries waiting for a claim, all projects").strongReference(true).register(registry);
        Gauge.builder("labelloop.queue.leased", depth, d -> d.get().leased())
                .description("Queue entries under a live lease, all projects").strongReference(true).register(registry);
    }
}
