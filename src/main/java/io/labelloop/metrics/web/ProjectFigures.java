package io.labelloop.metrics.web;

import io.labelloop.annotation.LabelBudget;
import io.labelloop.annotation.LabelQueries;
import io.labelloop.item.ItemCounts;
import io.labelloop.learning.HoldoutAccuracy;
import io.labelloop.project.Project;
import io.labelloop.queue.QueueBoard;
import io.labelloop.stream.AuditedAccuracy;
import io.labelloop.stream.StreamOverview;
import io.labelloop.training.ModelSummary;
import io.labelloop.training.ModelVersions;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** A project's counts, budget, queue and latest model figures: the stats API and the dashboard show the same numbers. */
@Component
class ProjectFigures {

    private final ItemCounts items;
    private final LabelQueries labels;
    private final LabelBudget budget;
    private final QueueBoard queue;
    private final ModelVersions models;
    private final AuditedAccuracy audits;
    private final StreamOverview stream;

    ProjectFigures(ItemCounts items, LabelQueries labels, LabelBudget budget, QueueBoard queue, ModelVersions models,
            AuditedAccuracy audits, StreamOverview stream) {
        this.audits = audits;
        this.stream = stream;
        this.items = items;
        this.labels = labels;
        this.budget = budget;
        this.queue = queue;
        this.models = models;
    }

    /**
     * Project statistics as in the API contract, plus the holdout size, the evaluation method, the audit of
     * machine labels against the target ({@code autoLabelAuditVerdict}: {@code MEETS_TARGET} when the whole 95%
     * interval is at or above it, {@code BELOW_TARGET} when it is entirely below, {@code UNCERTAIN} in between,
     * {@code NO_AUDITS} before any audited label, null without a target) and the stream's decisions.
     * {@code accuracy} is the latest model's accuracy on the holdout whenever it had holdout labels, however few
     * ({@code evaluationMethod} {@code HOLDOUT}), with its exact 95% interval ({@code accuracyLow95},
     * {@code accuracyHigh95}, {@code accuracyInterval} {@code CLOPPER_PEARSON_95}) and the number of holdout labels
     * ({@code accuracyEvaluatedOn}); without any, the cross-validation figure on the training labels, without an
     * interval (those labels are the strategy's picks, not a sample of the pool).
     */
    record ProjectStats(long items, long unlabeled, long humanLabeled, long importedLabeled, long autoLabeled,
            long queued, long claimed, Integer budget, long budgetUsed, Long budgetRemaining, Integer modelVersion,
            Double accuracy, boolean stopRecommended, long holdoutLabeled, String evaluationMethod, long synthetic,
            long syntheticInvalid, AuditedAccuracy.Audit autoLabelAudit, Double autoLabelTargetAccuracy, String autoLabelAuditVerdict,
            StreamOverview.Overview stream, Integer accuracyEvaluatedOn, Double accuracyLow95, Double accuracyHigh95,
            String accuracyInterval) {
    }

    static String verdict(AuditedAccuracy.Audit audit, Double target) {
        if (target == null) {
            return null;
        }
        if (audit.audited() == 0) {
            return "NO_AUDITS";
        }
        if (audit.low95() >= target) {
            return "MEETS_TARGET";
        }
        return audit.high95() < target ? "BELOW_TARGET" : "UNCERTAIN";
    }

    ProjectStats of(Project project) {
        long id = project.id();
        ItemCounts.Counts counts = items.of(id);
        LabelQueries.Counts labelCounts = labels.counts(id);
        QueueBoard.Counts queueCounts = queue.counts(id);
        long used = budget.used(id);
        Long remaining = project.queue().budget() == null ? null : Math.max(0, project.queue().budget() - used);
        Optional<ModelSummary> latest = models.latest(id);
        AuditedAccuracy.Audit audit = audits.of(id);
        long unlabeled = counts.items() - counts.importedLabeled() - labelCounts.humanLabeledItems() - counts.invalid();
        Optional<HoldoutAccuracy> holdout = latest.flatMap(ModelSummary::holdoutAccuracy);
        Double accuracy = holdout.map(HoldoutAccuracy::accuracy).orElseGet(() -> latest.map(ModelSummary::accuracy).orElse(null));
        String method = holdout.isPresent() ? "HOLDOUT" : latest.map(m -> (String) m.metrics().get("method")).orElse(null);
        Integer evaluatedOn = holdout.map(HoldoutAccuracy::evaluatedOn).orElseGet(() -> latest
                .map(m -> m.metrics().get("evaluatedOn") instanceof Number n ? n.intValue() : null).orElse(null));
        return new ProjectStats(counts.items(), Math.max(0, unlabeled), labelCounts.humanLabeledItems(),
                counts.importedLabeled(), labelCounts.autoLabeled(), queueCounts.queued(), queueCounts.claimed(),
                project.queue().budget(), used, remaining, latest.map(ModelSummary::version).orElse(null),
                accuracy, latest.map(ModelSummary::stopRecommended).orElse(false),
                labelCounts.holdoutItems(), method,
                counts.synthetic(), counts.invalid(), audit, project.autoLabel().autoLabelTargetAccuracy(),
                verdict(audit, project.autoLabel().autoLabelTargetAccuracy()), stream.of(id), evaluatedOn,
                holdout.map(HoldoutAccuracy::low95).orElse(null), holdout.map(HoldoutAccuracy::high95).orElse(null),
                holdout.map(h -> HoldoutAccuracy.INTERVAL).orElse(null));
    }
}
