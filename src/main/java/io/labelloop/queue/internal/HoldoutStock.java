package io.labelloop.queue.internal;

import io.labelloop.queue.QueueReason;
import io.labelloop.shared.JdbcTransactions;
import io.labelloop.shared.Seeds;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The holdout draws waiting to be handed out: queue entries with {@code holdout} set, either stream
 * items the stream drew for the holdout or, added here with reason {@code HOLDOUT}, items drawn
 * uniformly at random from the project's pool (real items nobody has queued), never from the
 * strategy's ranking. Cycles keep them (migration V9). A claim that needs more tops them up itself:
 * random ids within the project's id range, kept where they hit an eligible item (rejection
 * sampling, so every eligible item is equally likely whatever the gaps between ids), each round one
 * indexed insert committed on its own. It takes no lock that other claimers wait on: they lease with
 * SKIP LOCKED and never see the uncommitted rows.
 */
@Component
class HoldoutStock {

    /** Draws added at least per top-up, so that most claims find the stock filled. */
    static final int CHUNK = 16;
    /** Queue entries that are pool items as any other: ranked, seeded or unranked, not asked for a reason of their own. */
    private static final String POOL_REASONS = QueueReason.sqlList(QueueReason.POOL);
    private static final int ROUNDS = 6;
    private static final int MAX_PROBES = 4096;
    /** After a top-up found nothing to draw, claims skip top-ups this long instead of scanning the pool each time. */
    private static final long DRY_NANOS = 5_000_000_000L;

    private final JdbcTemplate jdbc;
    private final ProjectIdRanges ranges;
    private final TransactionTemplate ownTransaction;
    private final Map<Long, Long> dryAt = PerProject.map();
    /** The ids probed for draws; a named seed ({@link Seeds}). */
    private final SplittableRandom draws = new SplittableRandom(Seeds.HOLDOUT_DRAWS);

    HoldoutStock(JdbcTemplate jdbc, ProjectIdRanges ranges, JdbcTransactions transactions) {
        this.jdbc = jdbc;
        this.ranges = ranges;
        this.ownTransaction = transactions.requiresNew();
    }

    /** Adds up to {@code max(n, CHUNK)} draws; returns how many were added (0: the pool has nothing left to draw). */
    int topUp(long projectId, int n) {
        Long dry = dryAt.get(projectId);
        if (dry != null && System.nanoTime() - dry < DRY_NANOS) {
            return 0;
        }
        int added = draw(projectId, n);
        if (added == 0) {
            dryAt.put(projectId, System.nanoTime());
            ranges.forget(projectId);
        } else {
            dryAt.remove(projectId);
        }
        return added;
    }

    private int draw(long projectId, int n) {
        int wanted = Math.max(n, CHUNK);
        long[] range = ranges.of(projectId);
        long span = range[1] - range[0] + 1;
        int added = 0;
        double hitRate = 0.5;
        for (int round = 0; round < ROUNDS && added < wanted && range[1] > 0; round++) {
            int probes = (int) Math.min(MAX_PROBES, Math.min(span, Math.ceil(2 * (wanted - added) / hitRate)));
            int got = insert(projectId, probe(range, probes), wanted - added);
            added += got;
            hitRate = Math.max((double) got / probes, 1.0 / MAX_PROBES);
        }
        if (added < wanted) {
            added += insertByScan(projectId, wanted - added); // the pool is sparse in its range: draw from all of it
        }
        return added;
    }

    /**
     * Once every pool item is queued, the pool is the queue's free entries: turns up to n of them,
     * picked uniformly at random, into draws. Stream and audit asks and synthetic items stay as
     * they are; entries under a live lease or locked by a claimer are left alone.
     */
    int convert(long projectId, int n) {
        if (n <= 0) {
            return 0;
        }
        return ownTransaction.execute(status -> jdbc.update("""
                update queue_entries q set holdout = true, reason = %2$s
                from (select e.item_id from queue_entries e join items i on i.id = e.item_id and not i.synthetic
                      where e.project_id = ? and not e.holdout and e.reason in %s
                        and (e.lease_expires_at is null or e.lease_expires_at < now())
                      order by random()
                      limit ?
                      for update of e skip locked) c
                where q.item_id = c.item_id""".formatted(POOL_REASONS, QueueReason.HOLDOUT.sql()), projectId, n));
    }

    /** Free entries {@link #convert} could turn into draws. */
    int convertible(long projectId) {
        return jdbc.queryForObject("""
                select count(*) from queue_entries where project_id = ? and not holdout and reason in %s
                and (lease_expires_at is null or lease_expires_at < now())""".formatted(POOL_REASONS), Integer.class, projectId);
    }

    private long[] probe(long[] range, int probes) {
        Set<Long> ids = new LinkedHashSet<>();
        synchronized (draws) {
            while (ids.size() < probes) {
                ids.add(draws.nextLong(range[0], range[1] + 1));
            }
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * Keeps the first {@code limit} probed ids, in the (random) order they were drawn, that hit an
     * eligible item, and inserts them in ascending id order, as every multi-row insert into the
     * queue does: two inserts that meet on the same items then wait for each other in one order
     * and cannot deadlock.
     */
    private int insert(long projectId, long[] ids, int limit) {
        return ownTransaction.execute(status -> jdbc.update("""
                insert into queue_entries (item_id, project_id, rank, reason, holdout)
                select d.item_id, ?, 0, %s, true
                from (select c.item_id
                      from unnest(?::bigint[]) with ordinality as c(item_id, drawn)
                      join items i on i.id = c.item_id and i.project_id = ? and not i.synthetic
                      where exists (select 1 from unlabeled_items u where u.item_id = c.item_id)
                        and not exists (select 1 from queue_entries q where q.item_id = c.item_id)
                      order by c.drawn
                      limit ?) d
                order by d.item_id
                on conflict (item_id) do nothing""".formatted(QueueReason.HOLDOUT.sql()), ps -> {
            ps.setLong(1, projectId);
            ps.setArray(2, ps.getConnection().createArrayOf("bigint", java.util.Arrays.stream(ids).boxed().toArray()));
            ps.setLong(3, projectId);
            ps.setInt(4, limit);
        }));
    }

    private int insertByScan(long projectId, int limit) {
        return ownTransaction.execute(status -> jdbc.update("""
                insert into queue_entries (item_id, project_id, rank, reason, holdout)
                select d.item_id, d.project_id, 0, %s, true
                from (select u.item_id, u.project_id
                      from unlabeled_items u join items i on i.id = u.item_id and not i.synthetic
                      where u.project_id = ? and not exists (select 1 from queue_entries q where q.item_id = u.item_id)
                      order by random()
                      limit ?) d
                order by d.item_id
                on conflict (item_id) do nothing""".formatted(QueueReason.HOLDOUT.sql()), projectId, limit));
    }
}
