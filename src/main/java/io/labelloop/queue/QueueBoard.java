package io.labelloop.queue;

import io.labelloop.shared.AdvisoryLocks;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What the training cycle and the dashboard need of the queue: refill it in bulk, count it. */
@Service
public class QueueBoard {

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    QueueBoard(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    /**
     * Replaces the project's unleased entries with a new ranked batch; entries under a live lease
     * stay as they are (their annotators keep working) and are not added twice. Stream, audit,
     * synthetic and guided entries, holdout draws and entries waiting for further judgments stay until they are labeled (claims hand out the draws
     * at the holdout's share, whatever the batch). It holds the project's refill lock until its transaction ends:
     * claims skip the entries it deletes and cannot see those it inserts before the commit, so a claim that finds
     * no free entry meanwhile waits for the commit ({@link AdvisoryLocks#QUEUE_REFILL}) and gets the new ones.
     */
    @Transactional
    public void replace(long projectId, List<QueueEntryDraft> entries) {
        jdbc.sql("select pg_advisory_xact_lock(?, ?)").params(AdvisoryLocks.QUEUE_REFILL, Math.toIntExact(projectId)).query().listOfRows();
        jdbc.sql("""
                delete from queue_entries where project_id = ? and reason not in %s and not holdout and not overlap
                and (lease_expires_at is null or lease_expires_at < now())""".formatted(QueueReason.sqlList(QueueReason.KEPT)))
                .param(projectId).update();
        jdbcTemplate.update("""
                insert into queue_entries (item_id, project_id, rank, score, reason, holdout, model_version, prediction)
                select item_id, ?, rank, score, reason, holdout, model_version, prediction::jsonb
                from unnest(?::bigint[], ?::int[], ?::float8[], ?::text[], ?::bool[], ?::int[], ?::text[])
                     as t(item_id, rank, score, reason, holdout, model_version, prediction)
                where exists (select 1 from unlabeled_items u where u.item_id = t.item_id)
                order by t.item_id
                on conflict (item_id) do nothing""", ps -> {
            var con = ps.getConnection();
            ps.setLong(1, projectId);
            ps.setArray(2, con.createArrayOf("bigint", entries.stream().map(QueueEntryDraft::itemId).toArray()));
            ps.setArray(3, con.createArrayOf("integer", entries.stream().map(QueueEntryDraft::rank).toArray()));
            ps.setArray(4, con.createArrayOf("float8", entries.stream().map(QueueEntryDraft::score).toArray()));
            ps.setArray(5, con.createArrayOf("text", entries.stream().map(e -> e.reason().name()).toArray()));
            ps.setArray(6, con.createArrayOf("bool", entries.stream().map(QueueEntryDraft::holdout).toArray()));
            ps.setArray(7, con.createArrayOf("integer", entries.stream().map(QueueEntryDraft::modelVersion).toArray()));
            ps.setArray(8, con.createArrayOf("text", entries.stream().map(QueueEntryDraft::predictionJson).toArray()));
        });
    }

    /**
     * Puts an item that arrived on the stream at the head of the queue; a human will be asked. With
     * {@code holdout} its label is kept for evaluation and calibration instead of training. Cycles leave
     * such entries in place until they are labeled.
     */
    @Transactional
    public void enqueueFromStream(long projectId, long itemId, double score, Integer modelVersion, String predictionJson,
            boolean holdout) {
        enqueue(projectId, itemId, score, modelVersion, predictionJson, QueueReason.STREAM, holdout);
    }

    /** Stream and audit entries waiting for a human (they cost budget when labeled), and the holdout draws among them. */
    public StreamAsks streamAsks(long projectId) {
        return jdbc.sql("""
                select count(*), count(*) filter (where holdout) from queue_entries
                where project_id = ? and reason in %s""".formatted(QueueReason.sqlList(QueueReason.STREAM_ASKS)))
                .param(projectId).query((rs, n) -> new StreamAsks(rs.getLong(1), rs.getLong(2))).single();
    }

    /** Stream and audit entries waiting for a human; of them, holdout draws. */
    public record StreamAsks(long waiting, long holdout) {
    }

    /**
     * Puts items a lead picked (e.g. found by meaning as examples of a rare class) at the head of the queue,
     * where they stay until labeled ("guided" labeling). Items already labeled are left out; an item already
     * queued moves to the head unless it is under a live lease or a holdout draw. Returns the entries placed.
     */
    @Transactional
    public int enqueueGuided(long projectId, java.util.Collection<Long> itemIds) {
        return jdbc.sql("""
                insert into queue_entries (item_id, project_id, rank, score, reason)
                select u.item_id, u.project_id, 0, 1, %s from unlabeled_items u
                where u.project_id = ? and u.item_id = any(?)
                on conflict (item_id) do update set rank = 0, reason = %s
                where not queue_entries.holdout
                  and (queue_entries.lease_expires_at is null or queue_entries.lease_expires_at < now())""".formatted(QueueReason.GUIDED.sql(), QueueReason.GUIDED.sql()))
                .params(projectId, itemIds.toArray(Long[]::new)).update();
    }

    /** Puts an auto-labeled item in front of a human to check the machine's label (a random audit). */
    @Transactional
    public void enqueueForAudit(long projectId, long itemId, Integer modelVersion, String predictionJson) {
        enqueue(projectId, itemId, 0, modelVersion, predictionJson, QueueReason.AUDIT, false);
    }

    /** An entry at the head of the queue (rank 0). */
    private void enqueue(long projectId, long itemId, double score, Integer modelVersion, String predictionJson, QueueReason reason,
            boolean holdout) {
        jdbc.sql("""
                insert into queue_entries (item_id, project_id, rank, score, reason, holdout, model_version, prediction)
                values (?, ?, 0, ?, ?, ?, ?, ?::jsonb) on conflict (item_id) do nothing""")
                .params(itemId, projectId, score, reason.name(), holdout, modelVersion, predictionJson).update();
    }

    /**
     * Puts a synthetic item among the entries by the model's uncertainty: right after the last entry
     * that is at least as uncertain ({@code 1 - confidence}; entries without a prediction count as
     * fully uncertain), so it is asked about where the strategy's picks of that uncertainty are.
     */
    @Transactional
    public void enqueueSynthetic(long projectId, long itemId, double uncertainty, Integer modelVersion, String predictionJson) {
        jdbc.sql("""
                insert into queue_entries (item_id, project_id, rank, score, reason, model_version, prediction)
                values (?, ?, (select coalesce(max(rank), 0) from queue_entries where project_id = ? and reason <> %1$s
                               and coalesce(1 - (prediction ->> 'confidence')::float8, 1) >= ?),
                        ?, %1$s, ?, ?::jsonb)
                on conflict (item_id) do nothing""".formatted(QueueReason.SYNTHETIC.sql()))
                .params(itemId, projectId, projectId, uncertainty, uncertainty, modelVersion, predictionJson).update();
    }

    /** Queue entries (waiting or leased) of real items and of synthetic ones. */
    public SyntheticShare syntheticShare(long projectId) {
        return jdbc.sql("""
                select count(*) filter (where reason <> %1$s), count(*) filter (where reason = %1$s)
                from queue_entries where project_id = ?""".formatted(QueueReason.SYNTHETIC.sql()))
                .param(projectId).query((rs, n) -> new SyntheticShare(rs.getLong(1), rs.getLong(2))).single();
    }

    /** Entries in the queue: of real items, and of synthetic ones. */
    public record SyntheticShare(long real, long synthetic) {
    }

    /** Takes an item out of the queue, leased or not (it left the pool). */
    @Transactional
    public void remove(long projectId, long itemId) {
        jdbc.sql("delete from queue_entries where project_id = ? and item_id = ?").params(projectId, itemId).update();
    }

    /**
     * Items under a live lease, which a cycle leaves where they are, and the holdout draws waiting
     * to be handed out, which it must not rank either (their labels only evaluate).
     */
    public java.util.Set<Long> reservedItems(long projectId) {
        return new java.util.HashSet<>(jdbc.sql("""
                select item_id from queue_entries where project_id = ? and (lease_expires_at >= now() or holdout)""")
                .param(projectId).query(Long.class).list());
    }

    /** Whether some unlabeled item is not in the queue yet. */
    public boolean poolHasUnqueuedItems(long projectId) {
        return jdbc.sql("""
                select exists (select 1 from unlabeled_items u where u.project_id = ?
                               and not exists (select 1 from queue_entries q where q.item_id = u.item_id))""")
                .param(projectId).query(Boolean.class).single();
    }

    /** Entries nobody holds right now, other than holdout draws (those are handed out only at the holdout's share). */
    public long available(long projectId) {
        return jdbc.sql("""
                select count(*) from queue_entries where project_id = ? and not holdout
                and (lease_expires_at is null or lease_expires_at < now())""")
                .param(projectId).query(Long.class).single();
    }

    public Counts counts(long projectId) {
        return jdbc.sql("""
                select count(*) filter (where lease_expires_at is null or lease_expires_at < now()),
                       count(*) filter (where lease_expires_at >= now())
                from queue_entries where project_id = ?""")
                .param(projectId).query((rs, n) -> new Counts(rs.getLong(1), rs.getLong(2))).single();
    }

    /** Waiting entries and entries under a live lease. */
    public record Counts(long queued, long claimed) {
    }
}
