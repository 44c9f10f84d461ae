package io.labelloop.queue.internal;

import io.labelloop.queue.QueueReason;
import io.labelloop.shared.JdbcTransactions;
import io.labelloop.shared.Seeds;
import java.util.SplittableRandom;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Unranked pool items behind everything ranked, so the queue is never empty while the pool is
 * not. Each call starts at a random point of the project's id range (wrapping around), so that
 * concurrent claimers neither collide on the same items nor rescan the items already taken. It
 * reads the range in bounded windows (doubling while they come up empty): one open-ended scan
 * took half a second on a fresh upload, whose table statistics led the planner to a bitmap
 * scan of every item above the start instead of the first few in id order.
 */
@Component
class FallbackEntries {

    private static final long WINDOW = 256;

    private final JdbcClient jdbc;
    private final ProjectIdRanges ranges;
    private final TransactionTemplate ownTransaction;

    /** Where each search starts, so concurrent claimers spread over the pool; a named seed ({@link Seeds}). */
    private final SplittableRandom windows = new SplittableRandom(Seeds.FALLBACK_WINDOWS);

    FallbackEntries(JdbcClient jdbc, ProjectIdRanges ranges, JdbcTransactions transactions) {
        this.jdbc = jdbc;
        this.ranges = ranges;
        this.ownTransaction = transactions.requiresNew();
    }

    /** Adds up to n fallback entries; returns how many (0: every pool item is queued). */
    int add(long projectId, int n) {
        long[] range = ranges.of(projectId);
        long span = range[1] - range[0] + 1;
        long from;
        synchronized (windows) {
            from = range[0] + windows.nextLong(span);
        }
        long window = WINDOW;
        int added = 0;
        for (long covered = 0; added == 0 && covered < span; window *= 2) {
            long to = Math.min(from + window, range[1] + 1);
            added = insert(projectId, from, to, n);
            covered += to - from;
            from = to > range[1] ? range[0] : to;
        }
        if (added == 0) {
            ranges.forget(projectId); // new uploads may have widened the range
        }
        return added;
    }

    /**
     * One ascending insert in its own short transaction: it holds no lock the claim could later
     * wait on, so concurrent claimers cannot deadlock; the entries are leased afterwards with SKIP LOCKED.
     */
    private int insert(long projectId, long fromId, long toId, int n) {
        return ownTransaction.execute(status -> {
            // fallback entries lost in a database crash are simply added again by the next claim
            jdbc.sql("set local synchronous_commit = off").update();
            // The window is read on its own (materialized) so that the project's condition cannot
            // pull in a scan of the project's index: only the id range bounds the work.
            return jdbc.sql("""
                with window_items as materialized (
                    select item_id, project_id from unlabeled_items where item_id >= ? and item_id < ?)
                insert into queue_entries (item_id, project_id, rank, reason)
                select u.item_id, u.project_id,
                       coalesce((select max(rank) from queue_entries where project_id = ?), 0) + row_number() over (), %s
                from (select u.item_id, u.project_id from window_items u
                      where u.project_id = ?
                        and not exists (select 1 from queue_entries q where q.item_id = u.item_id)
                      order by u.item_id
                      limit ?) u
                on conflict (item_id) do nothing""".formatted(QueueReason.FALLBACK.sql()))
                    .params(fromId, toId, projectId, projectId, n).update();
        });
    }
}
