package io.labelloop.queue.internal;

import io.labelloop.annotation.LabelBudget;
import io.labelloop.project.Project;
import io.labelloop.shared.JdbcTransactions;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The labeling page's leases: short, renewed by the page's heartbeat while its annotator is there,
 * handed back when the page closes or its annotator leaves, so that an item nobody looks at does
 * not hold the budget. A renewal takes back an item the page let go if nobody else took it
 * meanwhile, within the budget as a claim would.
 */
@Service
public class PageLeases {

    private final JdbcClient jdbc;
    private final LabelBudget budget;
    private final TransactionTemplate transaction;

    PageLeases(JdbcClient jdbc, LabelBudget budget, JdbcTransactions transactions) {
        this.jdbc = jdbc;
        this.budget = budget;
        this.transaction = transactions.requiresNew();
    }

    /** Live leases held by other users: how many, and when the last of them ends. */
    public record Held(long count, Instant until) {
    }

    /**
     * Extends the caller's leases on these items and takes back those nobody holds; returns the
     * items it could not keep: leased to someone else, or beyond the budget. Items that left the
     * queue (labeled meanwhile) are neither kept nor lost.
     */
    public List<Long> renew(Project project, long userId, List<Long> itemIds, Duration leaseFor) {
        Long[] ids = itemIds.toArray(Long[]::new);
        return transaction.execute(status -> {
            // the budget lock first, as claims and labels take it, so that the row locks below cannot deadlock with them
            LabelBudget.Held spent = project.queue().budget() == null ? null : budget.lock(project.id());
            Timestamp until = Timestamp.from(Instant.now().plus(leaseFor));
            jdbc.sql("""
                    update queue_entries set lease_expires_at = ?
                    where project_id = ? and item_id = any(?) and lease_owner = ? and lease_expires_at >= now()""")
                    .params(until, project.id(), ids, userId).update();
            long room = ids.length;
            if (spent != null) {
                room = Math.min(room, Math.max(0, BudgetRoom.left(jdbc, project.id(), spent)));
            }
            jdbc.sql("""
                    update queue_entries set lease_owner = ?, lease_expires_at = ?
                    where item_id in (select item_id from queue_entries
                                      where project_id = ? and item_id = any(?)
                                        and (lease_expires_at is null or lease_expires_at < now())
                                      order by item_id limit ? for update skip locked)""")
                    .params(userId, until, project.id(), ids, room).update();
            return jdbc.sql("""
                    select item_id from queue_entries where project_id = ? and item_id = any(?)
                    and (lease_owner is distinct from ? or lease_expires_at is null or lease_expires_at < now())""")
                    .params(project.id(), ids, userId).query(Long.class).list();
        });
    }

    /** Ends the caller's leases on these items; others' leases stay. */
    public void release(long projectId, long userId, List<Long> itemIds) {
        jdbc.sql("""
                update queue_entries set lease_owner = null, lease_expires_at = null
                where project_id = ? and item_id = any(?) and lease_owner = ?""")
                .params(projectId, itemIds.toArray(Long[]::new), userId).update();
    }

    public Held heldByOthers(long projectId, long userId) {
        return jdbc.sql("""
                select count(*), max(lease_expires_at) from queue_entries
                where project_id = ? and lease_expires_at >= now() and lease_owner is distinct from ?""")
                .params(projectId, userId)
                .query((rs, n) -> new Held(rs.getLong(1), rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant()))
                .single();
    }
}
