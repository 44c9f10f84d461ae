package io.labelloop.embedding;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The background embedding job ({@code LABELLOOP_EMBEDDING_*}): whether this instance runs it
 * ({@code false} leaves it to other instances on the same database), the cores the encoder may use, how many
 * items one transaction claims, how long an idle worker waits before looking again, the share of its core it
 * keeps while annotators label on this instance, the heap search may keep projects' vectors in, and the cosine
 * similarity from which an item is recorded as a near-duplicate of one embedded before it
 * ({@code LABELLOOP_EMBEDDING_NEARDUPLICATESIMILARITY}, default 0.95; above 1: no detection).
 */
@ConfigurationProperties("labelloop.embedding")
public record EmbeddingSettings(
        @DefaultValue("true") boolean scheduleEnabled,
        @DefaultValue("1") int threads,
        @DefaultValue("64") int batchSize,
        @DefaultValue("2s") Duration idleDelay,
        @DefaultValue("0.5") double busyShare,
        @DefaultValue("5s") Duration busyAfterLabel,
        @DefaultValue("256MB") DataSize searchCacheSize,
        @DefaultValue("0.95") double nearDuplicateSimilarity) {
}
