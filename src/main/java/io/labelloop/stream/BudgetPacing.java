package io.labelloop.stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Spreads a stream's human labels over time: the variable-uncertainty rule of Zliobaite, Bifet,
 * Pfahringer and Holmes, "Active learning with drifting streaming data" (IEEE TNNLS 2014). While
 * the share of stream items asked about is below the target share, an item whose confidence is
 * below the threshold theta is asked about and theta shrinks by the step (ask less readily);
 * otherwise theta grows (ask more readily), so the questions spread evenly across the stream.
 */
@Service
public class BudgetPacing {

    /** Adjusting step s of the rule. */
    static final double STEP = 0.01;

    private final JdbcClient jdbc;

    BudgetPacing(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether to ask a human about this item (confidence null before the first model); updates the rule's state. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean ask(long projectId, double share, Double confidence) {
        jdbc.sql("insert into stream_pacing (project_id) values (?) on conflict do nothing").param(projectId).update();
        double[] state = jdbc.sql("select theta, seen, asked from stream_pacing where project_id = ? for update")
                .param(projectId)
                .query((rs, n) -> new double[] {rs.getDouble(1), rs.getLong(2), rs.getLong(3)})
                .single();
        double theta = state[0];
        long seen = (long) state[1] + 1;
        long asked = (long) state[2];
        boolean ask = false;
        if (asked < share * seen) {
            if (confidence == null || confidence < theta) {
                ask = true;
                asked++;
                theta *= 1 - STEP;
            } else {
                theta *= 1 + STEP;
            }
        }
        jdbc.sql("update stream_pacing set theta = ?, seen = ?, asked = ? where project_id = ?")
                .params(theta, seen, asked, projectId).update();
        return ask;
    }
}
