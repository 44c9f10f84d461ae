package io.labelloop.annotation;

import io.labelloop.item.ItemCounts;
import io.labelloop.project.Project;
import io.labelloop.shared.ApiException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores human labels. One label per user and item: repeating it changes nothing, a different
 * label replaces it; only the first costs budget. Never one label over the budget.
 */
@Service
public class LabelSubmission {

    private final JdbcClient jdbc;
    private final LabelBudget budget;
    private final LabelingGate gate;
    private final ItemCounts items;
    private final ApplicationEventPublisher events;

    LabelSubmission(JdbcClient jdbc, LabelBudget budget, LabelingGate gate, ItemCounts items,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.budget = budget;
        this.gate = gate;
        this.items = items;
        this.events = events;
    }

    /** How a post ended: a new label (201) or an existing one kept or replaced (200). */
    public enum Outcome { CREATED, UNCHANGED, REPLACED }

    @Transactional
    public Outcome submit(Project project, long itemId, long userId, String label) {
        if (!project.hasLabel(label)) {
            throw ApiException.invalid("label", "unknown label '" + label + "'; the project's labels are " + project.labels());
        }
        items.requireLabelable(project.id(), itemId);
        boolean limited = project.budget() != null;
        int used = limited ? budget.lock(project.id()) : 0;
        var existing = jdbc.sql("select id, label, holdout from labels where item_id = ? and user_id = ? and source = 'HUMAN'")
                .params(itemId, userId)
                .query((rs, n) -> new OwnLabel(rs.getLong(1), rs.getString(2), rs.getBoolean(3)))
                .optional();
        if (existing.isPresent()) {
            OwnLabel own = existing.get();
            if (own.label().equals(label)) {
                return Outcome.UNCHANGED;
            }
            jdbc.sql("update labels set label = ?, updated_at = now() where id = ?").params(label, own.id()).update();
            events.publishEvent(new ItemLabeled(project.id(), itemId, userId, label, own.holdout()));
            return Outcome.REPLACED;
        }
        if (limited && used >= project.budget()) {
            throw ApiException.conflict("the budget of " + project.budget() + " human labels is used up");
        }
        boolean holdout = gate.admit(project.id(), itemId, userId).holdout();
        boolean labeledByOthers = jdbc.sql("select exists (select 1 from labels where item_id = ? and source = 'HUMAN' and user_id <> ?)")
                .params(itemId, userId).query(Boolean.class).single();
        if (labeledByOthers) {
            throw ApiException.conflict("item " + itemId + " is already labeled by someone else");
        }
        try {
            jdbc.sql("insert into labels (project_id, item_id, user_id, label, source, holdout) values (?, ?, ?, ?, 'HUMAN', ?)")
                    .params(project.id(), itemId, userId, label, holdout).update();
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("item " + itemId + " is already labeled by someone else");
        }
        events.publishEvent(new ItemLabeled(project.id(), itemId, userId, label, holdout));
        return Outcome.CREATED;
    }

    private record OwnLabel(long id, String label, boolean holdout) {
    }

    /** Takes the caller's label back and returns its budget. */
    @Transactional
    public void undo(Project project, long itemId, long userId) {
        int deleted = jdbc.sql("delete from labels where item_id = ? and user_id = ? and source = 'HUMAN' and project_id = ?")
                .params(itemId, userId, project.id()).update();
        if (deleted == 0) {
            throw ApiException.notFound("your label on item", itemId);
        }
        events.publishEvent(new LabelUndone(project.id(), itemId, userId));
    }
}
