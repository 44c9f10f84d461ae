package io.labelloop.annotation;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Human labels spent per project. {@link #lock} takes the project's counter row lock for the rest
 * of the transaction: every label post and every budget-limited claim takes it first, so the
 * budget holds exactly under concurrency.
 */
@Service
public class LabelBudget {

    private final JdbcClient jdbc;

    LabelBudget(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks the project's counter until the surrounding transaction ends; returns the labels spent. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int lock(long projectId) {
        jdbc.sql("insert into label_counters (project_id) values (?) on conflict do nothing").param(projectId).update();
        return jdbc.sql("select human_labels from label_counters where project_id = ? for update")
                .param(projectId).query(Integer.class).single();
    }

    /** Labels spent, without locking. */
    public int used(long projectId) {
        return jdbc.sql("select coalesce((select human_labels from label_counters where project_id = ?), 0)")
                .param(projectId).query(Integer.class).single();
    }

    void add(long projectId, int delta) {
        jdbc.sql("update label_counters set human_labels = human_labels + ? where project_id = ?")
                .params(delta, projectId).update();
    }
}
