package io.labelloop.embedding.internal;

import io.labelloop.embedding.Int8Vector;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The embedding tables: pending items, stored vectors, per-project rate and failure. */
@Repository
public class EmbeddingStore {

    /** An item claimed for embedding. */
    public record PendingItem(long itemId, long projectId, String text) {
    }

    /** Counts and the last rate of one project. */
    public record Counts(long done, long pending, double itemsPerSecond, boolean recent, String error) {
    }

    private final JdbcClient jdbc;

    EmbeddingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inside the caller's transaction: the oldest pending project no other worker holds, or empty. Its
     * first pending row stays locked until the transaction ends.
     */
    public Optional<Long> lockNextProject() {
        return jdbc.sql("select project_id from embedding_pending order by item_id limit 1 for update skip locked")
                .query(Long.class).optional();
    }

    /**
     * Inside the caller's transaction: takes up to {@code limit} pending items of the project that no other
     * worker holds off the pending list (they come back if the transaction rolls back) and returns them with
     * their text; ids whose item is gone are dropped.
     */
    public List<PendingItem> claim(long projectId, int limit) {
        return jdbc.sql("""
                with c as (select item_id from embedding_pending where project_id = ?
                           order by item_id limit ? for update skip locked),
                     d as (delete from embedding_pending e using c where e.item_id = c.item_id returning e.item_id)
                select i.id, i.project_id, i.text from d join items i on i.id = d.item_id order by i.id""")
                .params(projectId, limit)
                .query((rs, n) -> new PendingItem(rs.getLong(1), rs.getLong(2), rs.getString(3))).list();
    }

    /** Stores vectors (an item already embedded keeps its vector) and updates the project's rate. */
    public void store(long projectId, List<PendingItem> items, List<Int8Vector> vectors, double batchSeconds) {
        for (int i = 0; i < items.size(); i++) {
            jdbc.sql("insert into item_embeddings (item_id, project_id, vector, scale) values (?, ?, ?, ?) "
                            + "on conflict (item_id) do nothing")
                    .params(items.get(i).itemId(), projectId, vectors.get(i).bytes(), vectors.get(i).scale()).update();
        }
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

    /** Done and pending counts (index-only scans), the last rate and the last error of a project. */
    public Counts counts(long projectId) {
        return jdbc.sql("""
                select (select count(*) from item_embeddings where project_id = :p),
                       (select count(*) from embedding_pending where project_id = :p),
                       coalesce(g.items_per_second, 0),
                       coalesce(g.last_batch_at > clock_timestamp() - interval '60 seconds', false),
                       g.error
                from (select 1) one left join embedding_progress g on g.project_id = :p""")
                .param("p", projectId)
                .query((rs, n) -> new Counts(rs.getLong(1), rs.getLong(2), rs.getDouble(3), rs.getBoolean(4),
                        rs.getString(5)))
                .single();
    }
}
