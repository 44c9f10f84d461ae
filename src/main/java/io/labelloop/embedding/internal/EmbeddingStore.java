package io.labelloop.embedding.internal;

import io.labelloop.embedding.Int8Vector;
import io.labelloop.item.ItemCounts;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The embedding tables: ranges of items to embed, stored vectors, per-project rate and failure. */
@Repository
public class EmbeddingStore {

    /** An item claimed for embedding. */
    public record PendingItem(long itemId, long projectId, String text) {
    }

    /** Counts and the last rate of one project. */
    public record Counts(long done, long pending, double itemsPerSecond, boolean recent, String error) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final ItemCounts itemCounts;

    EmbeddingStore(JdbcClient jdbc, JdbcTemplate jdbcTemplate, ItemCounts itemCounts) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.itemCounts = itemCounts;
    }

    /** A range of a project's item ids locked by this transaction, and the next items in it still to embed. */
    public record Claim(long rangeId, long projectId, long lastId, List<PendingItem> items) {
    }

    /**
     * Inside the caller's transaction: locks the oldest range of pending items (of the project, or of any
     * project) that no other worker holds, and reads its next {@code limit} items that have no vector yet.
     * Ranges found to have nothing left are deleted on the way. Empty when no free range is left.
     */
    public Optional<Claim> claim(Optional<Long> project, int limit) {
        while (true) {
            Optional<long[]> range = jdbc.sql("select id, project_id, first_id, last_id from embedding_ranges"
                            + (project.isPresent() ? " where project_id = ?" : "")
                            + " order by id limit 1 for update skip locked")
                    .params(project.isPresent() ? List.of(project.get()) : List.of())
                    .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)})
                    .optional();
            if (range.isEmpty()) {
                return Optional.empty();
            }
            long[] r = range.get();
            List<PendingItem> items = jdbc.sql("""
                    select i.id, i.project_id, i.text from items i
                    where i.project_id = ? and i.id between ? and ?
                      and not exists (select 1 from item_embeddings e where e.item_id = i.id)
                    order by i.id limit ?""")
                    .params(r[1], r[2], r[3], limit)
                    .query((rs, n) -> new PendingItem(rs.getLong(1), rs.getLong(2), rs.getString(3))).list();
            if (!items.isEmpty()) {
                return Optional.of(new Claim(r[0], r[1], r[3], items));
            }
            jdbc.sql("delete from embedding_ranges where id = ?").param(r[0]).update();
        }
    }

    /** Moves the claimed range past its items just embedded, or deletes it when none are left in it. */
    public void advance(Claim claim) {
        long last = claim.items().getLast().itemId();
        if (last >= claim.lastId()) {
            jdbc.sql("delete from embedding_ranges where id = ?").param(claim.rangeId()).update();
        } else {
            jdbc.sql("update embedding_ranges set first_id = ? where id = ?").params(last + 1, claim.rangeId()).update();
        }
    }

    /**
     * Stores vectors (an item already embedded keeps its vector) and updates the project's rate. The batch is one
     * statement, so the kept counts' trigger runs once per batch.
     */
    public void store(long projectId, List<PendingItem> items, List<Int8Vector> vectors, double batchSeconds) {
        jdbcTemplate.update("""
                insert into item_embeddings (item_id, project_id, vector, scale)
                select b.item_id, ?, b.vector, b.scale from unnest(?::bigint[], ?::bytea[], ?::real[]) as b (item_id, vector, scale)
                order by b.item_id
                on conflict (item_id) do nothing""", ps -> {
            ps.setLong(1, projectId);
            ps.setArray(2, ps.getConnection().createArrayOf("bigint", items.stream().map(PendingItem::itemId).toArray()));
            ps.setArray(3, ps.getConnection().createArrayOf("bytea", vectors.stream().map(Int8Vector::bytes).toArray(byte[][]::new)));
            ps.setArray(4, ps.getConnection().createArrayOf("float4", vectors.stream().map(Int8Vector::scale).toArray()));
        });
        double own = items.size() / Math.max(batchSeconds, 1e-3);
        // Seconds since anyone's previous batch of this project: with several workers that measures their sum.
        jdbc.sql("""
                insert into embedding_progress (project_id, items_per_second, last_batch_at, error)
                values (:p, :own, clock_timestamp(), null)
                on conflict (project_id) do update set
                  items_per_second = case when embedding_progress.last_batch_at > clock_timestamp() - interval '30 seconds'
                    then 0.8 * embedding_progress.items_per_second + 0.2 * :n
                         / greatest(extract(epoch from clock_timestamp() - embedding_progress.last_batch_at), 0.001)
                    else :own end,
                  last_batch_at = clock_timestamp(), error = null""")
                .param("p", projectId).param("own", own).param("n", (double) items.size()).update();
    }

    /** Records why the project's items could not be embedded (shown as FAILED while items wait). */
    public void fail(long projectId, String error) {
        jdbc.sql("""
                insert into embedding_progress (project_id, error) values (?, ?)
                on conflict (project_id) do update set error = excluded.error""")
                .params(projectId, error).update();
    }

    /**
     * Embedded items and items still without a vector (items the job has not reached, or whose batch is being
     * embedded), from the kept counts ({@link ItemCounts}: a few rows whatever the pool), the last rate and the last
     * error of a project.
     */
    public Counts counts(long projectId) {
        ItemCounts.Kept kept = itemCounts.kept(projectId);
        return jdbc.sql("""
                select coalesce(g.items_per_second, 0),
                       coalesce(g.last_batch_at > clock_timestamp() - interval '60 seconds', false),
                       g.error
                from (select 1) one left join embedding_progress g on g.project_id = ?""")
                .param(projectId)
                .query((rs, n) -> new Counts(kept.embeddings(), Math.max(kept.items() - kept.embeddings(), 0),
                        rs.getDouble(1), rs.getBoolean(2), rs.getString(3)))
                .single();
    }
}
