package io.labelloop.training.web;

import io.labelloop.annotation.LabelQueries;
import io.labelloop.annotation.LabelQueries.Progress;
import io.labelloop.annotation.LabelSubmission;
import io.labelloop.project.Project;
import io.labelloop.project.ProjectAccess;
import io.labelloop.security.AuthenticatedUser;
import io.labelloop.shared.ApiException;
import io.labelloop.training.ModelSummary;
import io.labelloop.training.internal.ModelStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The labeling page's undo key, in the browser session: an annotator takes a label back within a
 * short window and only while no model has been trained since it was given. It lives here because
 * the training module is the one that knows when a model was last trained.
 */
@RestController
class LabelUndoAction {

    private final ProjectAccess access;
    private final LabelQueries labelQueries;
    private final LabelSubmission labels;
    private final ModelStore models;
    private final Duration window;

    LabelUndoAction(ProjectAccess access, LabelQueries labelQueries, LabelSubmission labels, ModelStore models,
            @Value("${labelloop.labeling.undo-window:60s}") Duration window) {
        this.access = access;
        this.labelQueries = labelQueries;
        this.labels = labels;
        this.models = models;
        this.window = window;
    }

    @PostMapping("/projects/{id}/label/{itemId}/undo")
    Progress undo(@PathVariable long id, @PathVariable long itemId, @AuthenticationPrincipal AuthenticatedUser me) {
        Project project = access.requireView(id, me);
        Instant labeledAt = labelQueries.humanLabelTime(id, itemId, me.id())
                .orElseThrow(() -> ApiException.notFound("your label on item", itemId));
        if (labeledAt.plus(window).isBefore(Instant.now())) {
            throw ApiException.conflict("a label can be undone for " + window.toSeconds() + " seconds after labeling");
        }
        Optional<ModelSummary> latest = models.latest(id);
        if (latest.isPresent() && latest.get().trainedAt().isAfter(labeledAt)) {
            throw ApiException.conflict("model version " + latest.get().version() + " has already learned from this label");
        }
        labels.undo(project, itemId, me.id());
        return labelQueries.progress(project, me.id());
    }
}
