package io.labelloop.annotation.web;

import io.labelloop.annotation.LabelSubmission;
import io.labelloop.annotation.LabelSubmission.Outcome;
import io.labelloop.annotation.UndoPolicy;
import io.labelloop.project.Project;
import io.labelloop.project.ProjectAccess;
import io.labelloop.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/projects/{id}/items/{itemId}/labels")
@Tag(name = "Labeling queue")
class LabelController {

    private final ProjectAccess access;
    private final LabelSubmission labels;

    LabelController(ProjectAccess access, LabelSubmission labels) {
        this.access = access;
        this.labels = labels;
    }

    record LabelCommand(@NotBlank String label) {
    }

    @PostMapping
    @Operation(summary = "Label an item: 201 new, 200 when repeated or replaced (counted once); 409 budget used up or "
            + "item leased to someone else; 422 unknown label")
    ResponseEntity<Labeled> label(@PathVariable long id, @PathVariable long itemId,
            @Valid @RequestBody LabelCommand cmd, @AuthenticationPrincipal AuthenticatedUser me) {
        Project project = access.requireView(id, me);
        Outcome outcome = labels.submit(project, itemId, me.id(), cmd.label());
        HttpStatus status = outcome == Outcome.CREATED ? HttpStatus.CREATED : HttpStatus.OK;
        return ResponseEntity.status(status).body(new Labeled(itemId, cmd.label(), outcome));
    }

    @DeleteMapping("/mine")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Undo the caller's label on the item and give its budget back")
    void undo(@PathVariable long id, @PathVariable long itemId, @AuthenticationPrincipal AuthenticatedUser me) {
        labels.undo(access.requireView(id, me), itemId, me.id(), UndoPolicy.Rule.ANY_TIME);
    }

    /** What {@code POST .../labels} answers: the item, its label and what the call did. */
    record Labeled(long itemId, String label, Outcome outcome) {
    }
}
