package io.labelloop.synthesis.web;

import io.labelloop.item.SyntheticItems;
import io.labelloop.project.ProjectAccess;
import io.labelloop.queue.QueueBoard;
import io.labelloop.security.AuthenticatedUser;
import io.labelloop.synthesis.SynthesisService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Synthesis")
class SynthesisController {

    private final ProjectAccess access;
    private final SynthesisService synthesis;
    private final SyntheticItems items;
    private final QueueBoard queue;

    SynthesisController(ProjectAccess access, SynthesisService synthesis, SyntheticItems items, QueueBoard queue) {
        this.access = access;
        this.synthesis = synthesis;
        this.items = items;
        this.queue = queue;
    }

    record SynthesisRequest(@NotNull @Min(1) @Max(SynthesisService.MAX_PER_REQUEST) Integer count) {
    }

    @PostMapping("/api/v1/projects/{id}/synthesis")
    @Operation(summary = "Create up to count synthetic items near the decision boundary and in under-covered regions, "
            + "and queue them (fewer when the project's synthesisMaxShare of the queue is reached); 409 when synthesis "
            + "is off or the cap is already reached (leads and admins)")
    SynthesisService.Result synthesize(@PathVariable long id, @Valid @RequestBody SynthesisRequest request,
            @AuthenticationPrincipal AuthenticatedUser me) {
        return synthesis.synthesize(access.requireManage(id, me), request.count());
    }

    @PostMapping("/api/v1/projects/{id}/items/{itemId}/invalid")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Transactional
    @Operation(summary = "Mark a synthetic item not a valid example: it leaves the queue and the pool and costs no "
            + "budget; 409 for a real or already labeled item")
    void markInvalid(@PathVariable long id, @PathVariable long itemId, @AuthenticationPrincipal AuthenticatedUser me) {
        long projectId = access.requireView(id, me).id();
        items.markInvalid(projectId, itemId, me.id());
        queue.remove(projectId, itemId);
    }
}
