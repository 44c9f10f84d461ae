package io.labelloop.item;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** How many items a project holds, and how many came with an imported label. */
@Service
public class ItemCounts {

    private final JdbcClient jdbc;

    ItemCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Counts of(long projectId) {
        return jdbc.sql("""
                select count(*) as items, count(imported_label) as imported, count(*) filter (where synthetic) as synthetic,
                       count(invalid_at) as invalid
                from items where project_id = ?""")
                .param(projectId)
                .query((rs, n) -> new Counts(rs.getLong("items"), rs.getLong("imported"), rs.getLong("synthetic"),
                        rs.getLong("invalid")))
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
}
