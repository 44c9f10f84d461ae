package io.labelloop.metrics.web;

import io.labelloop.item.ItemCounts;
import io.labelloop.project.Project;
import io.labelloop.project.ProjectAccess;
import io.labelloop.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Projects")
class StatsController {

    private final ProjectAccess access;
    private final ItemCounts items;

    StatsController(ProjectAccess access, ItemCounts items) {
        this.access = access;
        this.items = items;
    }

    /**
     * Project statistics as in the API contract. Human and machine labels, the queue and models
     * arrive with the learning loop; until then their counts are zero and the model fields null.
     */
    record ProjectStats(long items, long unlabeled, long humanLabeled, long importedLabeled, long autoLabeled,
            long queued, long claimed, Integer budget, long budgetUsed, Long budgetRemaining, Integer modelVersion,
            Double accuracy, boolean stopRecommended, long synthetic) {
    }

    @GetMapping("/api/v1/projects/{id}/stats")
    ProjectStats stats(@PathVariable long id, @AuthenticationPrincipal AuthenticatedUser me) {
        Project project = access.requireView(id, me);
        ItemCounts.Counts counts = items.of(id);
        long humanLabeled = 0;
        long budgetUsed = humanLabeled;
        Long remaining = project.budget() == null ? null : Math.max(0, project.budget() - budgetUsed);
        return new ProjectStats(counts.items(), counts.items() - counts.importedLabeled(), humanLabeled,
                counts.importedLabeled(), 0, 0, 0, project.budget(), budgetUsed, remaining, null, null, false,
                counts.synthetic());
    }
}
