package io.labelloop.stream.web;

import io.labelloop.project.ProjectAccess;
import io.labelloop.security.AuthenticatedUser;
import io.labelloop.stream.StreamDecider;
import io.labelloop.stream.StreamDecision;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@Tag(name = "Stream")
class StreamController {

    private final ProjectAccess access;
    private final StreamDecider decider;

    StreamController(ProjectAccess access, StreamDecider decider) {
        this.access = access;
        this.decider = decider;
    }

    @PostMapping("/api/v1/projects/{id}/stream")
    @Operation(summary = "One arriving item: stored, scored at once, and AUTO_LABELED, QUEUED for a human or NOT_QUEUED "
            + "(budget spent); posting an externalId again returns the stored decision")
    StreamDecision stream(@PathVariable long id, @RequestBody JsonNode item, @AuthenticationPrincipal AuthenticatedUser me) {
        return decider.decide(access.requireManage(id, me), item);
    }
}
