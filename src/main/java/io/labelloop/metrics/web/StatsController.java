package io.labelloop.metrics.web;

import io.labelloop.metrics.web.ProjectFigures.ProjectStats;
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
    private final ProjectFigures figures;

    StatsController(ProjectAccess access, ProjectFigures figures) {
        this.access = access;
        this.figures = figures;
    }

    @GetMapping("/api/v1/projects/{id}/stats")
    ProjectStats stats(@PathVariable long id, @AuthenticationPrincipal AuthenticatedUser me) {
        return figures.of(access.requireView(id, me));
    }
}
