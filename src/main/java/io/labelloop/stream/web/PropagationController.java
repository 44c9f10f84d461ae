package io.labelloop.stream.web;

import io.labelloop.project.ProjectAccess;
import io.labelloop.security.AuthenticatedUser;
import io.labelloop.stream.LabelPropagation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Stream")
class PropagationController {

    private final ProjectAccess access;
    private final LabelPropagation propagation;

    PropagationController(ProjectAccess access, LabelPropagation propagation) {
        this.access = access;
        this.propagation = propagation;
    }

    @PostMapping("/api/v1/projects/{id}/propagation")
    @Operation(summary = "Label the rest of the pool with the model where it is confident (AUTO labels), now and after "
            + "every new model; 409 before the first model or without a threshold")
    LabelPropagation.Result propagate(@PathVariable long id, @AuthenticationPrincipal AuthenticatedUser me) {
        return propagation.propagate(access.requireManage(id, me));
    }

    @DeleteMapping("/api/v1/projects/{id}/propagation")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Stop re-deciding machine labels after new models (the labels given stay)")
    void stop(@PathVariable long id, @AuthenticationPrincipal AuthenticatedUser me) {
        propagation.disable(access.requireManage(id, me).id());
    }
}
