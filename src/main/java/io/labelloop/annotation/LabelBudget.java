package io.labelloop.annotation;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Human labels spent per project. {@link #lock} takes the project's budget lock (a transaction
 * advisory lock) and reads the spend exactly under it: label posts and claims of projects with a
 * budget take it first, so the budget holds under concurrency, across instances too. Projects
 * without a budget never wait on it.
 */
@Service
public class LabelBudget {

    private static final int BUDGET_LOCK_CLASS = 0x4C4C_0003;

    private final JdbcClient jdbc;

    LabelBudget(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks the project's budget until the surrounding transaction ends; returns the labels spent.
     * The spend is read by a statement after the lock, so it sees every label committed by the
     * lock's previous holder.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int lock(long projectId) {
        jdbc.sql("select pg_advisory_xact_lock(?, ?)").params(BUDGET_LOCK_CLASS, Math.toIntExact(projectId)).query().listOfRows();
        return used(projectId);
    }

    /**
     * Human labels spent: one per user and item. Triggers on {@code labels} keep the count in a few
     * stripes per project (migration V5), so this sums a handful of rows instead of counting labels.
     */
    public int used(long projectId) {
        return jdbc.sql("select coalesce(sum(spent), 0)::int from label_spend where project_id = ?")
                .param(projectId).query(Integer.class).single();
    }
}
