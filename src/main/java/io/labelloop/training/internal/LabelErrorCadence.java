package io.labelloop.training.internal;

import io.labelloop.training.TrainingSettings;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * When a cycle runs label-error detection (confident learning, {@link io.labelloop.learning.LabelErrors}: several
 * fits, the dearest phase of a cycle on thousands of labels): always when a lead asked for the cycle, else once the
 * labels grew since the last run by {@link TrainingSettings#labelErrorsGrowth()} of that run's labels and by at least
 * {@link TrainingSettings#labelErrorsMinLabels()}. Each model version records in {@code provenance.labelErrors}
 * whether it ran and with what figures, or which run its flags come from; the last run is read from there.
 */
@Component
class LabelErrorCadence {

    private final JdbcClient jdbc;
    private final TrainingSettings settings;

    LabelErrorCadence(JdbcClient jdbc, TrainingSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** The latest run of a project: the model version it ran with and the labels it looked at. */
    record LastRun(int version, int labels) {
    }

    /** Whether a cycle with this many labels (training and holdout) runs detection; {@code requested}: a lead asked. */
    Decision decide(long projectId, int labels, boolean requested) {
        Optional<LastRun> last = lastRun(projectId);
        if (requested) {
            return new Decision(true, "REQUESTED", last, labels);
        }
        if (last.isEmpty()) {
            return new Decision(true, "FIRST", last, labels);
        }
        int dueAt = dueAt(last.get().labels());
        return new Decision(labels >= dueAt, "GROWTH", last, dueAt);
    }

    /** The label count at which the next scheduled run is due after a run on {@code labels}. */
    int dueAt(int labels) {
        return labels + Math.max(settings.labelErrorsMinLabels(), (int) Math.ceil(settings.labelErrorsGrowth() * labels));
    }

    /** Whether to run, why, the last run before this cycle, and the label count the next scheduled run waits for. */
    record Decision(boolean run, String trigger, Optional<LastRun> last, int dueAt) {
    }

    Optional<LastRun> lastRun(long projectId) {
        return jdbc.sql("""
                select version, (provenance -> 'labelErrors' ->> 'labels')::int from model_versions
                where project_id = ? and (provenance -> 'labelErrors' ->> 'ran')::boolean
                order by version desc limit 1""")
                .param(projectId).query((rs, n) -> new LastRun(rs.getInt(1), rs.getInt(2))).optional();
    }

    /** Records a run with a model version: its trigger, labels looked at, items used, folds, flags kept and time. */
    void ran(long projectId, int version, String trigger, int labels, int itemsUsed, int folds, int flagged, long millis) {
        jdbc.sql("""
                update model_versions set provenance = jsonb_set(provenance, '{labelErrors}', jsonb_build_object(
                    'ran', true, 'trigger', ?::text, 'labels', ?::int, 'itemsUsed', ?::int, 'folds', ?::int,
                    'flagged', ?::int, 'millis', ?::bigint, 'nextDueAtLabels', ?::int))
                where project_id = ? and version = ?""")
                .params(trigger, labels, itemsUsed, folds, flagged, millis, dueAt(labels), projectId, version).update();
    }

    /** Records that a model version left detection out: whose flags stay and when the next run is due. */
    void skipped(long projectId, int version, Decision d, int labels) {
        LastRun last = d.last().orElseThrow();
        jdbc.sql("""
                update model_versions set provenance = jsonb_set(provenance, '{labelErrors}', jsonb_build_object(
                    'ran', false, 'labels', ?::int, 'flagsFromVersion', ?::int, 'flagsFromLabels', ?::int,
                    'nextDueAtLabels', ?::int))
                where project_id = ? and version = ?""")
                .params(labels, last.version(), last.labels(), d.dueAt(), projectId, version).update();
    }
}
