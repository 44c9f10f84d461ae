package io.labelloop.training.web;

import io.labelloop.project.ProjectAccess;
import io.labelloop.security.AuthenticatedUser;
import io.labelloop.training.FeatureImportance;
import io.labelloop.training.FeatureImportance.Columns;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The order of a TABULAR project's feature columns on the labeling page: the lead's first, then what matters
 * most to the latest model; for the API and for the page (same answer, token or session).
 */
@RestController
@Tag(name = "Models and training")
class FeatureColumnsController {

    private final ProjectAccess access;
    private final FeatureImportance importance;

    FeatureColumnsController(ProjectAccess access, FeatureImportance importance) {
        this.access = access;
        this.importance = importance;
    }

    @GetMapping({"/api/v1/projects/{id}/feature-columns", "/projects/{id}/label/columns"})
    @Operation(summary = "Feature columns in labeling-page order, with each one's importance to the latest model (0-1)")
    Columns columns(@PathVariable long id, @AuthenticationPrincipal AuthenticatedUser me) {
        return importance.columns(access.requireView(id, me));
    }
}
