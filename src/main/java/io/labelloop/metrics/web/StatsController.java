package io.labelloop.metrics.web;

import io.labelloop.annotation.AnnotatorActivity;
import io.labelloop.metrics.web.ProjectFigures.ProjectStats;
import io.labelloop.project.ProjectAccess;
import io.labelloop.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Projects")
class StatsController {

    private final ProjectAccess access;
    private final ProjectFigures figures;
    private final AnnotatorActivity annotators;

    StatsController(ProjectAccess access, ProjectFigures figures, AnnotatorActivity annotators) {
        this.access = access;
        this.figures = figures;
        this.annotators = annotators;
    }

    @GetMapping("/api/v1/projects/{id}/stats")
    ProjectStats stats(@PathVariable long id, @AuthenticationPrincipal AuthenticatedUser me) {
        return figures.of(access.requireView(id, me));
    }

    @GetMapping("/api/v1/projects/{id}/annotators")
    @Operation(summary = "Per annotator (leads): labels held, skips, label actions, active seconds and labels per hour of active time")
    List<AnnotatorActivity.Annotator> annotators(@PathVariable long id, @AuthenticationPrincipal AuthenticatedUser me) {
        return annotators.of(access.requireManage(id, me).id());
    }
}
