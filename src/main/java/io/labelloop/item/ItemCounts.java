package io.labelloop.item;

import io.labelloop.shared.HotTableVacuum;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * How many items a project holds, how many came with an imported label, and how many have their vector and their
 * sentence embedding: read from the counts the statement triggers keep ({@code item_counts}, V31 and
 * {@code R__item_counts.sql}), the sum of at most 64 stripes, so that reading them costs the same for ten items as
 * for ten million.
 */
@Service
public class ItemCounts {

    private final JdbcClient jdbc;

    /** Reads the counts only (benchmarks that build the table themselves). */
    public ItemCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Autowired
    ItemCounts(JdbcClient jdbc, HotTableVacuum vacuum) {
        this(jdbc);
        vacuum.watch("item_counts"); // every upload, stream item, vector COPY and embedding batch rewrites a stripe row
    }

    public Counts of(long projectId) {
        Kept k = kept(projectId);
        return new Counts(k.items(), k.imported(), k.synthetic(), k.invalid());
    }

    /** Every kept count of the project (as of the caller's snapshot, like a {@code count(*)} in its place). */
    public Kept kept(long projectId) {
        return jdbc.sql("""
                select coalesce(sum(items), 0), coalesce(sum(imported), 0), coalesce(sum(synthetic), 0),
                       coalesce(sum(invalid), 0), coalesce(sum(vectors), 0), coalesce(sum(embeddings), 0)
                from item_counts where project_id = ?""")
                .param(projectId)
                .query((rs, n) -> new Kept(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6)))
                .single();
    }

    /** Items that came with a label. */
    public java.util.Set<Long> importedItems(long projectId) {
        return new java.util.HashSet<>(jdbc.sql("select id from items where project_id = ? and imported_label is not null")
                .param(projectId).query(Long.class).list());
    }

    /** The distinct imported labels of the project. */
    public java.util.Set<String> importedLabelClasses(long projectId) {
        return new java.util.HashSet<>(jdbc.sql("select distinct imported_label from items where project_id = ? and imported_label is not null")
                .param(projectId).query(String.class).list());
    }

    /** {@code invalid}: synthetic items an annotator marked not a valid example (out of the pool). */
    public record Counts(long items, long importedLabeled, long synthetic, long invalid) {
    }

    /**
     * The kept counts: items (of which imported-labeled, synthetic, marked invalid), item vectors (what a cycle
     * scores at most; an item without one waits for the next cycle's encode step) and sentence embeddings.
     */
    public record Kept(long items, long imported, long synthetic, long invalid, long vectors, long embeddings) {
        /** Whether some item has no vector yet (or its vector was removed), so that a cycle has items to encode. */
        public boolean vectorsDue() {
            return vectors != items;
        }
    }
}
