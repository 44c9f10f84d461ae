package io.labelloop.annotation;

import io.labelloop.shared.AdvisoryLocks;
import io.labelloop.shared.HotTableVacuum;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Human labels spent per project. {@link #lock} takes the project's budget lock (a transaction
 * advisory lock) and reads the spend exactly under it: label posts of projects with a budget take it
 * first, so the budget holds under concurrency, across instances too; so do claims once the budget is
 * nearly spent (the queue module's {@code Leases}). Projects without a budget never wait on it.
 */
@Service
public class LabelBudget {

    private final JdbcClient jdbc;

    LabelBudget(JdbcClient jdbc, HotTableVacuum vacuum) {
        this.jdbc = jdbc;
        vacuum.watch("label_spend"); // every label post rewrites one of the project's spend rows
    }

    /**
     * Locks the project's budget until the surrounding transaction ends; returns the labels spent
     * and the budget. Both are read by a statement after the lock, so the spend includes every label
     * committed by the lock's previous holder, and the budget is the stored one, not a copy that a
     * lead's change through another instance may have made stale.
     */
    public Held lock(long projectId) {
        acquire(projectId);
        return jdbc.sql("""
                select coalesce((select sum(spent) from label_spend where project_id = ?), 0)::int,
                       (select budget from projects where id = ?)""")
                .params(projectId, projectId)
                .query((rs, n) -> new Held(rs.getInt(1), rs.getObject(2) == null ? null : rs.getInt(2)))
                .single();
    }

    /**
     * Locks the project's budget until the surrounding transaction ends, and reads nothing: the caller reads the
     * spend (and what else it needs) in its next statement, which sees every label the lock's previous holder committed.
     */
    public void acquire(long projectId) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("the budget lock is held by a transaction: call this inside one");
        }
        jdbc.sql("select pg_advisory_xact_lock(?, ?)").params(AdvisoryLocks.LABEL_BUDGET, Math.toIntExact(projectId)).query().listOfRows();
    }

    /** What {@link #lock} read under the lock: labels spent and the budget (null: none). */
    public record Held(int used, Integer budget) {

        /** Labels the budget still takes; {@link Integer#MAX_VALUE} without a budget. */
        public long left() {
            return budget == null ? Integer.MAX_VALUE : Math.max(0, budget - used);
        }
    }

    /**
     * Human labels spent: one per user and item. Triggers on {@code labels} keep the count in a few
     * stripes per project ({@code db/migration/R__label_spend.sql}), so this sums a handful of rows instead of counting labels.
     */
    public int used(long projectId) {
        return jdbc.sql("select coalesce(sum(spent), 0)::int from label_spend where project_id = ?")
                .param(projectId).query(Integer.class).single();
    }
}
