package io.labelloop.quality.web;

import io.labelloop.project.ProjectAccess;
import io.labelloop.quality.AgreementService;
import io.labelloop.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Projects")
class AgreementController {

    private final ProjectAccess access;
    private final AgreementService agreement;

    AgreementController(ProjectAccess access, AgreementService agreement) {
        this.access = access;
        this.agreement = agreement;
    }

    @GetMapping("/api/v1/projects/{id}/agreement")
    @Operation(summary = "Agreement between the project's annotators: Krippendorff's alpha with a bootstrap 95% interval, "
            + "Cohen's kappa per pair, per-class agreement, per-annotator figures")
    AgreementService.Agreement agreement(@PathVariable long id, @AuthenticationPrincipal AuthenticatedUser me) {
        return agreement.of(access.requireView(id, me));
    }
}
