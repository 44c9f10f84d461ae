package io.labelloop.browse;

import io.labelloop.project.ProjectDeleted;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Removes a deleted project's label history and flags inside the deleting transaction. */
@Component
class LabelEventsCleanup {

    private final JdbcClient jdbc;

    LabelEventsCleanup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(ProjectDeleted event) {
        jdbc.sql("delete from label_events where project_id = ?").param(event.projectId()).update();
        jdbc.sql("delete from item_flags where project_id = ?").param(event.projectId()).update();
    }
}
