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

    /**
     * Budget left and the holdout line's position, read in one statement; call right after
     * {@link LabelBudget#acquire}, so that it sees every label committed by the lock's previous holder.
     */
    static Room read(JdbcClient jdbc, long projectId) {
        return jdbc.sql("select coalesce(s.spent, 0), coalesce(s.held, 0), p.budget, q.leased, q.leased_draws from "
                        + HoldoutLine.POSITION_SQL + ", (select (select budget from projects where id = ?) as budget) p")
                .params(projectId, projectId, projectId)
                .query((rs, i) -> {
                    long spent = rs.getLong(1);
                    long leased = rs.getLong(4);
                    long left = new LabelBudget.Held((int) spent, rs.getObject(3) == null ? null : rs.getInt(3)).left();
                    return new Room(left - leased, new HoldoutLine.Position(spent + leased, rs.getLong(2) + rs.getLong(5)));
                }).single();
    }

    /** Labels left minus live leases (may be negative), and where the holdout line stands. */
    record Room(long left, HoldoutLine.Position line) {
    }
}
