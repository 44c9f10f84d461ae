package io.labelloop.queue.web;

import io.labelloop.project.ProjectAccess;
import io.labelloop.queue.internal.ClaimService;
import io.labelloop.queue.internal.ClaimService.Claim;
import io.labelloop.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Labeling queue")
class QueueController {

    private final ProjectAccess access;
    private final ClaimService claims;

    QueueController(ProjectAccess access, ClaimService claims) {
        this.access = access;
        this.claims = claims;
    }

    record ClaimCommand(Integer count) {
    }

    @PostMapping("/api/v1/projects/{id}/queue/claims")
    @Operation(summary = "Lease the highest-ranked free items; an empty list comes with BUDGET_EXHAUSTED, POOL_EXHAUSTED or STOPPED")
    Claim claim(@PathVariable long id, @RequestBody(required = false) ClaimCommand cmd,
            @AuthenticationPrincipal AuthenticatedUser me) {
        int count = cmd == null || cmd.count() == null ? 1 : cmd.count();
        return claims.claim(access.requireView(id, me), me.id(), count);
    }

    @PostMapping("/api/v1/projects/{id}/items/{itemId}/skip")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "End the caller's lease on the item and rank it lower")
    void skip(@PathVariable long id, @PathVariable long itemId, @AuthenticationPrincipal AuthenticatedUser me) {
        claims.skip(access.requireView(id, me), itemId, me.id());
    }
}
