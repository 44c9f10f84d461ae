package io.labelloop.queue.internal;

import io.labelloop.annotation.LabelBudget;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Budget a new lease may still take: live leases are reservations against the budget, counted under its lock. */
final class BudgetRoom {

    private BudgetRoom() {
    }

    /** Labels left minus live leases (may be negative); call while holding {@code held}. */
    static long left(JdbcClient jdbc, long projectId, LabelBudget.Held held) {
        long live = jdbc.sql("select count(*) from queue_entries where project_id = ? and lease_expires_at >= now()")
                .param(projectId).query(Long.class).single();
        return held.left() - live;
    }
}
