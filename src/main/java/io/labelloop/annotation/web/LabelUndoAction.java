package io.labelloop.annotation.web;

import io.labelloop.annotation.LabelQueries;
import io.labelloop.annotation.LabelQueries.Progress;
import io.labelloop.annotation.LabelSubmission;
import io.labelloop.annotation.UndoPolicy;
import io.labelloop.project.Project;
import io.labelloop.project.ProjectAccess;
import io.labelloop.security.AuthenticatedUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The labeling page's undo key, in the browser session: the caller's label goes back under
 * {@link UndoPolicy.Rule#RECENT_AND_UNLEARNED}, and the page gets the annotator's progress.
 */
@RestController
class LabelUndoAction {

    private final ProjectAccess access;
    private final LabelQueries labelQueries;
    private final LabelSubmission labels;

    LabelUndoAction(ProjectAccess access, LabelQueries labelQueries, LabelSubmission labels) {
        this.access = access;
        this.labelQueries = labelQueries;
        this.labels = labels;
    }

    @PostMapping("/projects/{id}/label/{itemId}/undo")
    Progress undo(@PathVariable long id, @PathVariable long itemId, @AuthenticationPrincipal AuthenticatedUser me) {
        Project project = access.requireView(id, me);
        labels.undo(project, itemId, me.id(), UndoPolicy.Rule.RECENT_AND_UNLEARNED);
        return labelQueries.progress(project, me.id());
    }
}
