package io.labelloop.annotation;

import io.labelloop.annotation.LabelSubmission.Outcome;
import io.labelloop.project.Project;
import io.labelloop.shared.ApiException;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes one judgment of a project with overlap ({@code judgmentsPerItem} above 1 or a quality-control
 * share) inside the caller's transaction, like {@link LabelWriter} does a single label. One judgment per
 * (item, annotator): the table's key. The queue's admission is the insert's trigger
 * ({@code judgments_admit}, {@code R__queue_admission.sql}: never more judgments than the item wants, never over someone
 * else's live lease) and the final label follows by trigger ({@code judgments_settle}).
 */
@Component
class JudgmentWriter {

    private final JdbcClient jdbc;
    private final LabelingGate gate;
    private final ApplicationEventPublisher events;

    JudgmentWriter(JdbcClient jdbc, LabelingGate gate, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.gate = gate;
        this.events = events;
    }

    Outcome write(Project project, long itemId, long userId, String label, LabelWriter.Spend spend) {
        for (int attempt = 0; ; attempt++) {
            Target target = target(project, itemId, userId);
            if (target.invalid()) {
                throw ApiException.conflict("item " + itemId + " was marked not a valid example: it cannot be labeled");
            }
            if (target.own() != null) {
                return repeat(project, itemId, userId, label, target.own());
            }
            if (spend != null && spend.used >= spend.budget) {
                throw ApiException.conflict("the budget of " + spend.budget + " human labels is used up");
            }
            Optional<Boolean> holdout = jdbc.sql("""
                    insert into judgments (item_id, user_id, project_id, label)
                    select i.id, ?, i.project_id, ? from items i
                    where i.project_id = ? and i.id = ? and i.invalid_at is null
                    on conflict (item_id, user_id) do nothing
                    returning holdout""")
                    .params(userId, label, project.id(), itemId).query(Boolean.class).optional();
            if (holdout.isPresent()) {
                if (spend != null) {
                    spend.used++;
                }
                events.publishEvent(new ItemLabeled(project.id(), itemId, userId, label, holdout.get()));
                return Outcome.CREATED;
            }
            if (attempt > 0 || !ownJudgmentExists(itemId, userId)) {
                throw gate.heldByAnother(itemId, userId)
                        .map(until -> ApiException.conflict("item " + itemId + " is leased to someone else until " + until))
                        .orElseGet(() -> ApiException.conflict("item " + itemId + " has all the judgments it needs"));
            }
            // the same annotator's concurrent post got there first: answer as a repeat
        }
    }

    private boolean ownJudgmentExists(long itemId, long userId) {
        return jdbc.sql("select exists (select 1 from judgments where item_id = ? and user_id = ?)")
                .params(itemId, userId).query(Boolean.class).single();
    }

    /** The caller's judgment again: unchanged, or replaced (the final label follows by trigger). */
    private Outcome repeat(Project project, long itemId, long userId, String label, Own own) {
        if (own.label().equals(label)) {
            return Outcome.UNCHANGED;
        }
        if (own.plain()) {
            jdbc.sql("update labels set label = ?, updated_at = now() where item_id = ? and user_id = ? and source = 'HUMAN'")
                    .params(label, itemId, userId).update();
        } else {
            jdbc.sql("update judgments set label = ?, updated_at = now() where item_id = ? and user_id = ?")
                    .params(label, itemId, userId).update();
        }
        events.publishEvent(new ItemLabeled(project.id(), itemId, userId, label, own.holdout()));
        return Outcome.REPLACED;
    }

    /**
     * The item (404 when the project has none such) with the caller's judgment on it, or the caller's
     * plain human label from before the project had overlap.
     */
    private Target target(Project project, long itemId, long userId) {
        return jdbc.sql("""
                select i.invalid_at is not null,
                       coalesce(j.label, l.label), coalesce(j.holdout, l.holdout, false), j.label is null and l.label is not null
                from items i
                left join judgments j on j.item_id = i.id and j.user_id = ?
                left join labels l on l.item_id = i.id and l.user_id = ? and l.source = 'HUMAN' and not l.from_judgments
                where i.project_id = ? and i.id = ?""")
                .params(userId, userId, project.id(), itemId)
                .query((rs, n) -> new Target(rs.getBoolean(1),
                        rs.getString(2) == null ? null : new Own(rs.getString(2), rs.getBoolean(3), rs.getBoolean(4))))
                .optional()
                .orElseThrow(() -> ApiException.notFound("item", itemId));
    }

    private record Own(String label, boolean holdout, boolean plain) {
    }

    private record Target(boolean invalid, Own own) {
    }

    /** Takes the caller's judgment back (its budget returns); false when there was none. */
    boolean undo(long projectId, long itemId, long userId) {
        return jdbc.sql("delete from judgments where item_id = ? and user_id = ? and project_id = ?")
                .params(itemId, userId, projectId).update() > 0;
    }
}
