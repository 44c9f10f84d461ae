package io.labelloop.queue.web;

import io.labelloop.annotation.LabelBudget;
import io.labelloop.annotation.LabelQueries;
import io.labelloop.project.Project;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.stereotype.Component;

/** What the labeling page shows of an annotator's progress: labels today, the budget used and left. */
@Component
class LabelingProgress {

    private final LabelQueries labels;
    private final LabelBudget budget;

    LabelingProgress(LabelQueries labels, LabelBudget budget) {
        this.labels = labels;
        this.budget = budget;
    }

    /** {@code budget} and {@code left} are null for a project without a budget. */
    record Progress(long today, Integer budget, long used, Long left) {
    }

    Progress of(Project project, long userId) {
        long today = labels.humanLabelsBy(project.id(), userId, LocalDate.now(ZoneOffset.UTC).atStartOfDay().toInstant(ZoneOffset.UTC));
        long used = budget.used(project.id());
        Long left = project.budget() == null ? null : Math.max(0, project.budget() - used);
        return new Progress(today, project.budget(), used, left);
    }
}
