package io.labelloop.stream.web;

import io.labelloop.project.ProjectAccess;
import io.labelloop.security.AuthenticatedUser;
import io.labelloop.shared.web.PageActions;
import io.labelloop.shared.web.PageController;
import io.labelloop.stream.LabelPropagation;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The dashboard's propagation buttons (leads and admins): label the rest of the pool with the model where
 * it is sure, or stop re-deciding after new models. A refusal (no model, no threshold) is shown on the dashboard.
 */
@PageController
class PropagateNowController {

    private final ProjectAccess access;
    private final LabelPropagation propagation;

    PropagateNowController(ProjectAccess access, LabelPropagation propagation) {
        this.access = access;
        this.propagation = propagation;
    }

    @PostMapping("/projects/{id}/propagation")
    String propagate(@PathVariable long id, @AuthenticationPrincipal AuthenticatedUser me, RedirectAttributes redirect) {
        PageActions.unlessRefused(() -> propagation.propagate(access.requireManage(id, me)), redirect, "propagationRefused")
                .ifPresent(result -> redirect.addFlashAttribute("propagated", result));
        return "redirect:/projects/" + id;
    }

    @PostMapping("/projects/{id}/propagation/stop")
    String stop(@PathVariable long id, @AuthenticationPrincipal AuthenticatedUser me) {
        propagation.disable(access.requireManage(id, me).id());
        return "redirect:/projects/" + id;
    }
}
