package io.labelloop.queue;

import io.labelloop.shared.JdbcTransactions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** What the training cycle and the dashboard need of the queue: refill it in bulk, count it. */
@Service
public class QueueBoard {

    private final JdbcClient jdbc;
    /** The refill's statements: each its own transaction, whether or not the caller has one open. */
    private final TransactionTemplate autocommit;

    QueueBoard(JdbcClient jdbc, JdbcTransactions transactions) {
        this.jdbc = jdbc;
        this.autocommit = transactions.autocommit();
    }

    /** Entries a refill statement writes or deletes at most; each statement commits on its own. */
    static final int REFILL_CHUNK = 128;

    /**
     * Replaces the project's unleased entries with a new ranked batch; entries under a live lease
     * stay as they are (their annotators keep working) and are not added twice. Stream, audit,
     * synthetic and guided entries, holdout draws and entries waiting for further judgments stay until they are labeled
     * (claims hand out the draws at the holdout's share, whatever the batch).
     * <p>
     * So that no claim waits for a refill and none finds the ranked queue empty while one runs, the refill is short
     * statements of at most {@link #REFILL_CHUNK} entries, each committed on its own, whatever the caller's
     * transaction: first the batch's items not queued yet are inserted (best ranks first), then its items queued
     * already as free ranked entries are updated in place, then the free ranked entries not in the batch are
     * deleted. Claims lease with {@code SKIP LOCKED}: they pass over the few entries one statement holds and take
     * the others, new entries once their statement committed, old ones until they are replaced. Idempotent: a
     * refill run again after an error ends where a single run does.
     */
    public void replace(long projectId, List<QueueEntryDraft> entries) {
        List<QueueEntryDraft> byRank = entries.stream().sorted(Comparator.comparingInt(QueueEntryDraft::rank)).toList();
        Set<Long> inserted = new HashSet<>();
        for (List<QueueEntryDraft> chunk : chunks(byRank)) {
            inserted.addAll(autocommit.execute(s -> insertNew(projectId, chunk)));
        }
        List<QueueEntryDraft> queued = byRank.stream().filter(d -> !inserted.contains(d.itemId())).toList();
        for (List<QueueEntryDraft> chunk : chunks(queued)) {
            autocommit.executeWithoutResult(s -> updateInPlace(projectId, chunk));
        }
        Set<Long> batch = new HashSet<>(entries.stream().map(QueueEntryDraft::itemId).toList());
        for (int pass = 0; pass < STALE_PASSES; pass++) {
            List<Long> stale = autocommit.execute(s -> freeReplaceable(projectId)).stream()
                    .filter(id -> !batch.contains(id)).sorted().toList();
            if (stale.isEmpty()) {
                break;
            }
            for (int from = 0; from < stale.size(); from += REFILL_CHUNK) {
                Long[] chunk = stale.subList(from, Math.min(from + REFILL_CHUNK, stale.size())).toArray(Long[]::new);
                autocommit.execute(s -> deleteStale(projectId, chunk));
            }
        }
    }

    /**
     * Passes over the free ranked entries left behind; a second one deletes what became free or was added (fallback
     * entries) while the first ran.
     */
    private static final int STALE_PASSES = 2;

    private static List<List<QueueEntryDraft>> chunks(List<QueueEntryDraft> entries) {
        List<List<QueueEntryDraft>> out = new ArrayList<>();
        for (int from = 0; from < entries.size(); from += REFILL_CHUNK) {
            out.add(entries.subList(from, Math.min(from + REFILL_CHUNK, entries.size())));
        }
        return out;
    }

    /** A free entry a refill may replace: ranked (not kept), no holdout draw, no judgment pending, no live lease. */
    private static final String REPLACEABLE = """
            q.reason not in %s and not q.holdout and not q.overlap
            and (q.lease_expires_at is null or q.lease_expires_at < now())""".formatted(QueueReason.sqlList(QueueReason.KEPT));

    /**
     * The asynchronous commit of a refill statement: a refill lost in a crash leaves the old entries, which the next
     * cycle replaces; the model's write after the refill flushes the WAL up to it anyway.
     */
    private static final String ASYNC = "async_commit as (select set_config('synchronous_commit', 'off', true))";

    /** Inserts the chunk's unlabeled items that have no entry; returns their ids. Conflicts lock nothing. */
    private List<Long> insertNew(long projectId, List<QueueEntryDraft> chunk) {
        return jdbc.sql("""
                with %s
                insert into queue_entries (item_id, project_id, rank, score, reason, holdout, model_version, prediction)
                select t.item_id, ?::bigint, t.rank, t.score, t.reason, t.holdout, t.model_version, t.prediction::jsonb
                from %s, async_commit
                where exists (select 1 from unlabeled_items u where u.item_id = t.item_id)
                  and not exists (select 1 from queue_entries q where q.item_id = t.item_id)
                order by t.item_id
                on conflict (item_id) do nothing
                returning item_id""".formatted(ASYNC, DRAFTS))
                .params(withFirst(projectId, drafts(chunk)))
                .query(Long.class).list();
    }

    /**
     * Gives the chunk's free ranked entries their new rank, score, reason and prediction, as a new entry would have
     * them (no skips, no lease); locked in item order, so two writers cannot deadlock on them.
     */
    private void updateInPlace(long projectId, List<QueueEntryDraft> chunk) {
        Object[] drafts = drafts(chunk);
        Object[] args = Arrays.copyOf(drafts, drafts.length + 1);
        args[drafts.length] = projectId;
        jdbc.sql("""
                with %s,
                batch as (select t.* from %s where exists (select 1 from unlabeled_items u where u.item_id = t.item_id)),
                target as (
                    select q.item_id from queue_entries q join batch b on b.item_id = q.item_id
                    where q.project_id = ? and %s
                    order by q.item_id
                    for update of q)
                update queue_entries q
                set rank = b.rank, score = b.score, reason = b.reason, holdout = b.holdout, model_version = b.model_version,
                    prediction = b.prediction::jsonb, skips = 0, lease_owner = null, lease_expires_at = null, created_at = now()
                from target, batch b, async_commit
                where q.item_id = target.item_id and b.item_id = q.item_id""".formatted(ASYNC, DRAFTS, REPLACEABLE))
                .params(args).update();
    }

    /** The item ids of the project's free ranked entries (those a refill may replace). */
    private List<Long> freeReplaceable(long projectId) {
        return jdbc.sql("select q.item_id from queue_entries q where q.project_id = ? and " + REPLACEABLE)
                .param(projectId).query(Long.class).list();
    }

    /**
     * Deletes the chunk's entries that are still free ranked entries, in item order; returns how many. The stale ids
     * are found in Java ({@link #replace}): comparing every free entry with the whole batch in SQL is an anti-join the
     * planner runs as a nested loop, seconds per statement once the queue holds a batch and its headroom.
     */
    private int deleteStale(long projectId, Long[] chunk) {
        return jdbc.sql("""
                with %s, stale as (
                    select q.item_id from queue_entries q
                    where q.item_id = any(?) and q.project_id = ? and %s
                    order by q.item_id
                    for update of q)
                delete from queue_entries d using stale, async_commit where d.item_id = stale.item_id"""
                .formatted(ASYNC, REPLACEABLE))
                .params(chunk, projectId).update();
    }

    /** The drafts of a chunk as a table {@code t} (its parameters: {@link #drafts}). */
    private static final String DRAFTS = """
            unnest(?::bigint[], ?::int[], ?::float8[], ?::text[], ?::bool[], ?::int[], ?::text[])
                 as t(item_id, rank, score, reason, holdout, model_version, prediction)""";

    private static Object[] withFirst(Object first, Object[] rest) {
        Object[] out = new Object[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    private static Object[] drafts(List<QueueEntryDraft> chunk) {
        return new Object[] {chunk.stream().map(QueueEntryDraft::itemId).toArray(Long[]::new),
                chunk.stream().map(QueueEntryDraft::rank).toArray(Integer[]::new),
                chunk.stream().map(QueueEntryDraft::score).toArray(Double[]::new),
                chunk.stream().map(e -> e.reason().name()).toArray(String[]::new),
                chunk.stream().map(QueueEntryDraft::holdout).toArray(Boolean[]::new),
                chunk.stream().map(QueueEntryDraft::modelVersion).toArray(Integer[]::new),
                chunk.stream().map(QueueEntryDraft::predictionJson).toArray(String[]::new)};
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

    /**
     * Whether the ranked batch has entries left: a free entry, not a holdout draw and not skipped, that a claim hands
     * out before the cycle's headroom ({@link QueueReason#STRATEGY} entries ranked beyond {@code batchSize}) and the
     * fallback entries. Once it has none, claims are on the headroom and the next cycle is due.
     */
    public boolean batchLeft(long projectId, int batchSize) {
        return jdbc.sql("""
                select exists (select 1 from queue_entries q where q.project_id = ? and not q.holdout and q.skips = 0
                               and (q.lease_expires_at is null or q.lease_expires_at < now())
                               and q.reason <> %s and not (q.reason = %s and q.rank > ?))"""
                        .formatted(QueueReason.FALLBACK.sql(), QueueReason.STRATEGY.sql()))
                .params(projectId, batchSize).query(Boolean.class).single();
    }

    /**
     * Whether a claim that handed out this entry went past the ranked batch: a headroom entry (a strategy pick ranked
     * beyond {@code batchSize}) or a fallback entry.
     */
    public static boolean beyondBatch(QueueReason reason, int rank, int batchSize) {
        return reason == QueueReason.FALLBACK || reason == QueueReason.STRATEGY && rank > batchSize;
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
