package io.labelloop.browse.web;

import io.labelloop.browse.MyLabels;
import io.labelloop.project.Project;
import io.labelloop.project.ProjectAccess;
import io.labelloop.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own labels through the API, as the My labels page lists them; changes go through {@code POST/DELETE .../labels}. */
@RestController
@Tag(name = "Labeling queue")
class MyLabelsController {

    private final ProjectAccess access;
    private final MyLabels mine;

    MyLabelsController(ProjectAccess access, MyLabels mine) {
        this.access = access;
        this.mine = mine;
    }

    @GetMapping("/api/v1/projects/{id}/labels/mine")
    @Operation(summary = "The caller's labels in the project, most recent first, 50 a page; older: the previous answer's cursor")
    MyLabels.Page mine(@PathVariable long id, @RequestParam(required = false) String before,
            @AuthenticationPrincipal AuthenticatedUser me) {
        Project project = access.requireView(id, me);
        return mine.recent(project.id(), me.id(), before, 50);
    }
}
