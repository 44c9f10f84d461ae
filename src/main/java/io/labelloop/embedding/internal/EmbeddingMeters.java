package io.labelloop.embedding.internal;

import io.labelloop.shared.CachedReading;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Embedding progress for Prometheus: items still to embed, all projects (the widths of the pending id ranges: an
 * upper bound, exact when uploads did not interleave, and read without counting items), and a counter of the
 * items this instance embedded.
 */
@Component
public class EmbeddingMeters {

    private final Counter embedded;

    EmbeddingMeters(JdbcClient jdbc, MeterRegistry registry) {
        var pending = new CachedReading<>(() -> jdbc.sql(
                "select coalesce(sum(last_id - first_id + 1), 0) from embedding_ranges").query(Long.class).single());
        Gauge.builder("labelloop.embedding.pending", pending, p -> p.get())
                .description("Items waiting for their sentence embedding (at most), all projects").strongReference(true).register(registry);
        embedded = Counter.builder("labelloop.embedding.items")
                .description("Items embedded by this instance").register(registry);
    }

    /** Counts a committed batch. */
    public void embedded(int items) {
        embedded.increment(items);
    }
}
