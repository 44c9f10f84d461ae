package io.labelloop.annotation;

import io.labelloop.shared.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who may take a label back, and until when: the one owner of the undo rules of the API and the labeling page.
 * Both take back the caller's own label and give its budget back ({@link LabelSubmission#undo}).
 * <ul>
 *   <li>{@link Rule#ANY_TIME} ({@code DELETE .../labels/mine}, the API contract): whenever the caller has a label
 *       on the item.</li>
 *   <li>{@link Rule#RECENT_AND_UNLEARNED} (the labeling page's undo key): only within {@link #window()} after the
 *       label was given ({@code labelloop.labeling.undo-window}, default 60 s) and while no model was trained
 *       since, so that an annotator fixes a slip and never takes back what a model already learned from.</li>
 * </ul>
 */
@Component
public class UndoPolicy {

    /** The rule a caller undoes under. */
    public enum Rule { ANY_TIME, RECENT_AND_UNLEARNED }

    /** When the project's latest model was trained; implemented by the module that trains them. */
    public interface LatestModel {

        /** The project's latest model version and when it was trained, if any. */
        Optional<Trained> latest(long projectId);

        /** A model version and its training time. */
        record Trained(int version, Instant at) {
        }
    }

    private final JdbcClient jdbc;
    private final LatestModel models;
    private final Duration window;

    UndoPolicy(JdbcClient jdbc, LatestModel models, @Value("${labelloop.labeling.undo-window:60s}") Duration window) {
        this.jdbc = jdbc;
        this.models = models;
        this.window = window;
    }

    /** How long after labeling the labeling page's undo key works. */
    public Duration window() {
        return window;
    }

    /** Throws 404 when the caller has no label on the item, 409 when {@code rule} refuses the undo. */
    void check(Rule rule, long projectId, long itemId, long userId) {
        if (rule == Rule.ANY_TIME) {
            return;
        }
        Instant labeledAt = jdbc.sql("""
                select updated_at from labels where project_id = ? and item_id = ? and user_id = ? and source = 'HUMAN'""")
                .params(projectId, itemId, userId).query(java.sql.Timestamp.class).optional()
                .map(java.sql.Timestamp::toInstant)
                .orElseThrow(() -> ApiException.notFound("your label on item", itemId));
        if (labeledAt.plus(window).isBefore(Instant.now())) {
            throw ApiException.conflict("a label can be undone for " + window.toSeconds() + " seconds after labeling");
        }
        Optional<LatestModel.Trained> latest = models.latest(projectId);
        if (latest.isPresent() && latest.get().at().isAfter(labeledAt)) {
            throw ApiException.conflict("model version " + latest.get().version() + " has already learned from this label");
        }
    }
}
