package io.labelloop.queue;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Why an entry is in the queue. Stored by name in {@code queue_entries.reason}, sent by name in the
 * API and to the labeling page (which explains it with message {@code label.reason.<name>}).
 */
public enum QueueReason {
    /** Ranked by the project's query strategy. */
    STRATEGY,
    /** A diverse sample before the first model (k-means++ over the pool). */
    COLD_START,
    /** Picked while some class has no label yet. */
    EXPLORATION,
    /** A uniform random pool item drawn for the holdout. */
    HOLDOUT,
    /** Unranked pool items when the ranked queue ran dry. */
    FALLBACK,
    /** An item that arrived on the stream and asks a human. */
    STREAM,
    /** An auto-labeled item shown to a human to measure the machine's accuracy. */
    AUDIT,
    /** A synthetic item. */
    SYNTHETIC,
    /** Sent to the head of the queue by a lead from the search page. */
    GUIDED;

    /** Pool items as any other: ranked, seeded or unranked, not asked for a reason of their own; a cycle replaces them. */
    public static final Set<QueueReason> POOL = EnumSet.of(STRATEGY, COLD_START, EXPLORATION, FALLBACK);
    /** Entries a cycle leaves in place until they are labeled. */
    public static final Set<QueueReason> KEPT = EnumSet.of(STREAM, AUDIT, SYNTHETIC, GUIDED);
    /** Entries that ask a human about a streamed item (they cost budget when labeled). */
    public static final Set<QueueReason> STREAM_ASKS = EnumSet.of(STREAM, AUDIT);

    /** The name as an SQL literal, e.g. {@code 'SYNTHETIC'}. */
    public String sql() {
        return "'" + name() + "'";
    }

    /** An SQL list of the names, e.g. {@code ('STREAM', 'AUDIT')}, for queries over stored reasons. */
    public static String sqlList(Set<QueueReason> reasons) {
        return Arrays.stream(values()).filter(reasons::contains).map(QueueReason::sql)
                .collect(Collectors.joining(", ", "(", ")"));
    }
}
