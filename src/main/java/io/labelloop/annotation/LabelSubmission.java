package io.labelloop.annotation;

import io.labelloop.project.Project;
import io.labelloop.shared.ApiException;
import io.labelloop.shared.JdbcTransactions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores human labels. One label per user and item: repeating it changes nothing, a different
 * label replaces it; only the first costs budget. Never one label over the budget: posts to a
 * project with a budget are written in group commits under its budget lock ({@link LabelGroupCommit});
 * the others in one INSERT each (its own transaction, which PostgreSQL flushes together with the
 * concurrent ones), or, for a repeat, a replacement or a refusal, in a transaction of a few statements.
 */
@Service
public class LabelSubmission {

    private final JdbcClient jdbc;
    private final LabelWriter writer;
    private final LabelGroupCommit groupCommit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;

    private final JudgmentWriter judgments;
    private final GoldItems gold;
    private final UndoPolicy undoPolicy;
    /** {@code labelloop_labels_total} by outcome: human labels and judgments posted (gold answers included). */
    private final Map<Outcome, Counter> posted = new EnumMap<>(Outcome.class);

    LabelSubmission(JdbcClient jdbc, LabelWriter writer, LabelGroupCommit groupCommit,
            ApplicationEventPublisher events, JdbcTransactions transactions, JudgmentWriter judgments,
            GoldItems gold, UndoPolicy undoPolicy, MeterRegistry registry) {
        for (Outcome o : Outcome.values()) {
            posted.put(o, Counter.builder("labelloop.labels").tag("outcome", o.name().toLowerCase(Locale.ROOT))
                    .description("Human labels posted: created (new), replaced (changed), unchanged (repeated)")
                    .register(registry));
        }
        this.gold = gold;
        this.undoPolicy = undoPolicy;
        this.jdbc = jdbc;
        this.judgments = judgments;
        this.writer = writer;
        this.groupCommit = groupCommit;
        this.events = events;
        this.transaction = transactions.required();
    }

    /** How a post ended: a new label (201) or an existing one kept or replaced (200). */
    public enum Outcome { CREATED, UNCHANGED, REPLACED }

    /** Stores the label and returns once it is committed (the caller must not be in a transaction). */
    public Outcome submit(Project project, long itemId, long userId, String label) {
        Outcome outcome = store(project, itemId, userId, label);
        if (outcome != null) {
            posted.get(outcome).increment();
        }
        return outcome;
    }

    private Outcome store(Project project, long itemId, long userId, String label) {
        if (!project.hasLabel(label)) {
            throw ApiException.invalid("label", "unknown label '" + label + "'; the project's labels are " + project.labels());
        }
        if (project.team().goldRate() != null && project.team().goldRate() > 0) {
            Outcome gold = transaction.execute(status -> this.gold.answer(project, itemId, userId, label));
            if (gold != null) {
                return gold;
            }
        }
        if (project.queue().budget() != null) {
            return groupCommit.submit(project, itemId, userId, label);
        }
        Outcome created = writer.tryCreate(project, itemId, userId, label);
        if (created != null) {
            return created;
        }
        return transaction.execute(status -> writer.write(project, itemId, userId, label, null));
    }

    /**
     * A lead's label on an item (the item browser): an item someone labeled keeps its one human label,
     * now the lead's, at no new budget (the history keeps who gave the first); an item nobody labeled
     * gets a new one as {@link #submit} would give it.
     */
    public Outcome relabel(Project project, long itemId, long leadId, String label) {
        if (!project.hasLabel(label)) {
            throw ApiException.invalid("label", "unknown label '" + label + "'; the project's labels are " + project.labels());
        }
        Boolean changed = transaction.execute(status -> {
            var current = jdbc.sql("select label, holdout from labels where item_id = ? and project_id = ? and source = 'HUMAN' for update")
                    .params(itemId, project.id())
                    .query((rs, n) -> new HumanLabel(rs.getString(1), rs.getBoolean(2))).optional();
            if (current.isEmpty()) {
                return null;
            }
            if (label.equals(current.get().label())) {
                return false;
            }
            jdbc.sql("update labels set label = ?, user_id = ?, updated_at = now() where item_id = ? and source = 'HUMAN'")
                    .params(label, leadId, itemId).update();
            events.publishEvent(new ItemLabeled(project.id(), itemId, leadId, label, current.get().holdout()));
            return true;
        });
        if (changed == null) {
            return submit(project, itemId, leadId, label);
        }
        Outcome outcome = changed ? Outcome.REPLACED : Outcome.UNCHANGED;
        posted.get(outcome).increment();
        return outcome;
    }

    private record HumanLabel(String label, boolean holdout) {
    }

    /**
     * Takes the caller's label (or judgment) back and returns its budget, if {@code rule} allows it
     * ({@link UndoPolicy}); 404 when the caller has none on the item.
     */
    public void undo(Project project, long itemId, long userId, UndoPolicy.Rule rule) {
        transaction.executeWithoutResult(status -> {
            undoPolicy.check(rule, project.id(), itemId, userId);
            boolean deleted = judgments.undo(project.id(), itemId, userId)
                    || jdbc.sql("""
                            delete from labels where item_id = ? and user_id = ? and source = 'HUMAN' and project_id = ?
                            and not from_judgments""").params(itemId, userId, project.id()).update() > 0;
            if (!deleted) {
                throw ApiException.notFound("your label on item", itemId);
            }
        });
    }
}
