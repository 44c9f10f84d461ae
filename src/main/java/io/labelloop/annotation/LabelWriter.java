package io.labelloop.annotation;

import io.labelloop.annotation.LabelSubmission.Outcome;
import io.labelloop.project.Project;
import io.labelloop.shared.ApiException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes one human label inside the caller's transaction: alone (a project without a budget) or
 * as one post of a batch that holds the budget lock ({@link LabelGroupCommit}). Every refusal is
 * an {@link ApiException} thrown before or instead of a statement that could fail, so a refused
 * post leaves the batch's transaction usable for the others.
 */
@Component
class LabelWriter {

    private final JdbcClient jdbc;
    private final LabelingGate gate;
    private final ApplicationEventPublisher events;
    private final JudgmentWriter judgments;

    LabelWriter(JdbcClient jdbc, LabelingGate gate, ApplicationEventPublisher events, JudgmentWriter judgments) {
        this.jdbc = jdbc;
        this.judgments = judgments;
        this.gate = gate;
        this.events = events;
    }

    /** The budget and the labels spent so far under its lock, counted on as a batch accepts posts. */
    static final class Spend {
        final int budget;
        int used;

        Spend(int budget, int used) {
            this.budget = budget;
            this.used = used;
        }

        /** Whether the labels counted so far use the whole budget. */
        boolean spent() {
            return used >= budget;
        }
    }

    /**
     * A new label of a project without a budget in one statement, committed on its own: inserted
     * when the project has the item, it is valid and nobody (the caller included) labeled it yet,
     * with the queue's admission in the insert's trigger. Returns null when nothing was stored; then
     * {@link #write} tells why (404, 409) or treats it as a repeat.
     */
    Outcome tryCreate(Project project, long itemId, long userId, String label) {
        if (project.team().severalJudgments()) {
            return null;
        }
        return insert(project, itemId, userId, label).map(holdout -> created(project, itemId, userId, label, holdout))
                .orElse(null);
    }

    /**
     * New labels of several posts of one project in one statement, in the posts' order, as {@link #tryCreate} would
     * store them one after the other (each row's trigger sees the rows before it: of two posts on one item the first
     * wins). Returns, per post, whether its label was stored; the caller asks {@link #write} about the others (a
     * repeat, a replacement, a refusal). Projects that take several judgments per item store none here.
     */
    boolean[] createAll(Project project, List<NewLabel> posts) {
        boolean[] stored = new boolean[posts.size()];
        if (project.team().severalJudgments() || posts.isEmpty()) {
            return stored;
        }
        Long[] itemIds = posts.stream().map(NewLabel::itemId).toArray(Long[]::new);
        Long[] userIds = posts.stream().map(NewLabel::userId).toArray(Long[]::new);
        String[] labels = posts.stream().map(NewLabel::label).toArray(String[]::new);
        Map<Long, StoredLabel> byItem = new HashMap<>();
        jdbc.sql("""
                insert into labels (project_id, item_id, user_id, label, source)
                select i.project_id, i.id, p.user_id, p.label, 'HUMAN'
                from unnest(?::bigint[], ?::bigint[], ?::text[]) with ordinality as p(item_id, user_id, label, n)
                join items i on i.id = p.item_id
                where i.project_id = ? and i.invalid_at is null
                order by p.n
                on conflict (item_id) where source = 'HUMAN' do nothing
                returning item_id, user_id, holdout""")
                .params(itemIds, userIds, labels, project.id())
                .query((rs, n) -> new StoredLabel(rs.getLong(1), rs.getLong(2), rs.getBoolean(3)))
                .list().forEach(l -> byItem.put(l.itemId(), l));
        for (int i = 0; i < posts.size(); i++) {
            NewLabel post = posts.get(i);
            StoredLabel row = byItem.remove(post.itemId());
            if (row == null) {
                continue;
            }
            if (row.userId() != post.userId()) {
                byItem.put(row.itemId(), row); // another post of the batch stored this item's label
                continue;
            }
            stored[i] = true;
            created(project, post.itemId(), post.userId(), post.label(), row.holdout());
        }
        return stored;
    }

    /** A post that may be a new label. */
    record NewLabel(long itemId, long userId, String label) {
    }

    private record StoredLabel(long itemId, long userId, boolean holdout) {
    }

    /**
     * Stores the label; {@code spend} is null for a project without a budget. The first statement
     * reads the item (404 when the project has no such item, 409 when it was marked not a valid
     * example) together with the caller's own label on it; a new label is then one insert, whose
     * trigger does the queue's admission ({@link LabelingGate}).
     */
    Outcome write(Project project, long itemId, long userId, String label, Spend spend) {
        if (project.team().severalJudgments()) {
            return judgments.write(project, itemId, userId, label, spend);
        }
        Target target = jdbc.sql("""
                select i.invalid_at is not null, l.id, l.label, l.holdout
                from items i left join labels l on l.item_id = i.id and l.user_id = ? and l.source = 'HUMAN'
                where i.project_id = ? and i.id = ?""")
                .params(userId, project.id(), itemId)
                .query((rs, n) -> new Target(rs.getBoolean(1),
                        rs.getObject(2) == null ? null : new OwnLabel(rs.getLong(2), rs.getString(3), rs.getBoolean(4))))
                .optional()
                .orElseThrow(() -> ApiException.notFound("item", itemId));
        if (target.invalid()) {
            throw ApiException.conflict("item " + itemId + " was marked not a valid example: it cannot be labeled");
        }
        if (target.own() != null) {
            OwnLabel own = target.own();
            if (own.label().equals(label)) {
                return Outcome.UNCHANGED;
            }
            jdbc.sql("update labels set label = ?, updated_at = now() where id = ?").params(label, own.id()).update();
            events.publishEvent(new ItemLabeled(project.id(), itemId, userId, label, own.holdout()));
            return Outcome.REPLACED;
        }
        if (spend != null && spend.used >= spend.budget) {
            throw ApiException.conflict("the budget of " + spend.budget + " human labels is used up");
        }
        Optional<Boolean> holdout = insert(project, itemId, userId, label);
        if (holdout.isEmpty()) {
            throw gate.heldByAnother(itemId, userId)
                    .map(until -> ApiException.conflict("item " + itemId + " is leased to someone else until " + until))
                    .orElseGet(() -> ApiException.conflict("item " + itemId + " is already labeled by someone else"));
        }
        if (spend != null) {
            spend.used++;
        }
        return created(project, itemId, userId, label, holdout.get());
    }

    /**
     * Inserts the human label if the project has the item and it is valid; returns its holdout draw,
     * or nothing when no row was stored. Waits for a concurrent insert of the same item, then does
     * nothing if that one committed; the queue's trigger skips the row when someone else holds the
     * item. Neither fails the statement, so a refusal leaves a batch's transaction usable.
     */
    private Optional<Boolean> insert(Project project, long itemId, long userId, String label) {
        return jdbc.sql("""
                insert into labels (project_id, item_id, user_id, label, source)
                select i.project_id, i.id, ?, ?, 'HUMAN' from items i
                where i.project_id = ? and i.id = ? and i.invalid_at is null
                on conflict (item_id) where source = 'HUMAN' do nothing
                returning holdout""")
                .params(userId, label, project.id(), itemId).query(Boolean.class).optional();
    }

    private Outcome created(Project project, long itemId, long userId, String label, boolean holdout) {
        events.publishEvent(new ItemLabeled(project.id(), itemId, userId, label, holdout));
        return Outcome.CREATED;
    }

    private record OwnLabel(long id, String label, boolean holdout) {
    }

    /** The item as a label post finds it: marked not valid or not, and the caller's label on it if any. */
    private record Target(boolean invalid, OwnLabel own) {
    }
}
