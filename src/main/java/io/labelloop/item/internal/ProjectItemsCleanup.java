package io.labelloop.item.internal;

import io.labelloop.project.ProjectDeleted;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Removes a deleted project's items (and, by cascade, their images and embeddings) and their kept counts inside the
 * deleting transaction.
 */
@Component
class ProjectItemsCleanup {

    private final JdbcClient jdbc;

    ProjectItemsCleanup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(ProjectDeleted event) {
        jdbc.sql("delete from item_vectors where project_id = ?").param(event.projectId()).update();
        jdbc.sql("delete from items where project_id = ?").param(event.projectId()).update();
        jdbc.sql("delete from item_counts where project_id = ?").param(event.projectId()).update();
    }
}
