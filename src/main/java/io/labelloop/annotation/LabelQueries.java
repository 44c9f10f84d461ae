package io.labelloop.annotation;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Reads labels for training, evaluation and statistics. */
@Service
public class LabelQueries {

    private final JdbcClient jdbc;
    private final LabelBudget budget;

    LabelQueries(JdbcClient jdbc, LabelBudget budget) {
        this.jdbc = jdbc;
        this.budget = budget;
    }

    /** The current human label of each labeled item (the latest one when several people labeled it). */
    public List<HumanLabel> humanLabels(long projectId) {
        return jdbc.sql("""
                select distinct on (item_id) item_id, label, holdout from labels
                where project_id = ? and source = 'HUMAN'
                order by item_id, updated_at desc, id desc""")
                .param(projectId)
                .query((rs, n) -> new HumanLabel(rs.getLong(1), rs.getString(2), rs.getBoolean(3)))
                .list();
    }

    /**
     * Human labels outside the holdout, as a cycle trains on them (one per item), from the counters
     * the label triggers keep: a scheduler tick tells that no cycle is due without reading the labels.
     */
    public long humanTrainingLabelCount(long projectId) {
        return jdbc.sql("select coalesce(sum(spent - held_out), 0) from label_spend where project_id = ?")
                .param(projectId).query(Long.class).single();
    }

    public Counts counts(long projectId) {
        return jdbc.sql("""
                select count(distinct item_id) filter (where source = 'HUMAN'),
                       count(distinct item_id) filter (where source = 'HUMAN' and holdout),
                       count(*) filter (where source = 'AUTO')
                from labels where project_id = ?""")
                .param(projectId)
                .query((rs, n) -> new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                .single();
    }

    /** Human labels added or changed since the given model's training started; drives the retrain cadence. */
    public long humanLabelsSince(long projectId, java.time.Instant since) {
        return jdbc.sql("select count(*) from labels where project_id = ? and source = 'HUMAN' and updated_at > ?")
                .params(projectId, java.sql.Timestamp.from(since)).query(Long.class).single();
    }

    /**
     * Human labels written or changed per second lately: the higher of the rates over the last 10 and the last 30
     * seconds (a burst that just started shows in the first, a steady pace in both). Reads the project's index over
     * {@code updated_at}, so only the labels of those seconds.
     */
    public double recentHumanLabelRate(long projectId) {
        return jdbc.sql("""
                select count(*) filter (where updated_at > now() - interval '10 seconds') / 10.0,
                       count(*) / 30.0
                from labels where project_id = ? and source = 'HUMAN' and updated_at > now() - interval '30 seconds'""")
                .param(projectId).query((rs, n) -> Math.max(rs.getDouble(1), rs.getDouble(2))).single();
    }

    /** Items with a human label. */
    public java.util.Set<Long> humanLabeledItems(long projectId) {
        return new java.util.HashSet<>(jdbc.sql("select item_id from labels where project_id = ? and source = 'HUMAN'")
                .param(projectId).query(Long.class).list());
    }

    /** Human labels the user gave in the project since the given instant (the labeling page's "today"). */
    public long humanLabelsBy(long projectId, long userId, java.time.Instant since) {
        return jdbc.sql("select count(*) from labels where project_id = ? and user_id = ? and source = 'HUMAN' and created_at >= ?")
                .params(projectId, userId, java.sql.Timestamp.from(since)).query(Long.class).single();
    }

    /** What the labeling page shows an annotator: labels today (UTC day), the project's budget used and left. */
    public Progress progress(io.labelloop.project.Project project, long userId) {
        java.time.Instant midnight = java.time.LocalDate.now(java.time.ZoneOffset.UTC).atStartOfDay()
                .toInstant(java.time.ZoneOffset.UTC);
        long used = budget.used(project.id());
        Long left = project.queue().budget() == null ? null : Math.max(0, project.queue().budget() - used);
        return new Progress(humanLabelsBy(project.id(), userId, midnight), project.queue().budget(), used, left);
    }

    /** An annotator's progress; {@code budget} and {@code left} are null for a project without a budget. */
    public record Progress(long today, Integer budget, long used, Long left) {
    }

    public record HumanLabel(long itemId, String label, boolean holdout) {
    }

    /** Items with a human label, of which in the holdout, and machine labels. */
    public record Counts(long humanLabeledItems, long holdoutItems, long autoLabeled) {
    }
}
