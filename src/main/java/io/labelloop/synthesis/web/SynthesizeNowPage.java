package io.labelloop.synthesis.web;

import io.labelloop.project.ProjectAccess;
import io.labelloop.security.AuthenticatedUser;
import io.labelloop.shared.web.PageActions;
import io.labelloop.shared.web.PageController;
import io.labelloop.synthesis.SynthesisService;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The dashboard's "Make synthetic items" (leads and admins): as many as the queue cap allows, up to 10. */
@PageController
class SynthesizeNowPage {

    private static final int PER_CLICK = 10;

    private final ProjectAccess access;
    private final SynthesisService synthesis;

    SynthesizeNowPage(ProjectAccess access, SynthesisService synthesis) {
        this.access = access;
        this.synthesis = synthesis;
    }

    @PostMapping("/projects/{id}/synthesis")
    String synthesize(@PathVariable long id, @AuthenticationPrincipal AuthenticatedUser me, RedirectAttributes redirect) {
        PageActions.unlessRefused(() -> synthesis.synthesize(access.requireManage(id, me), PER_CLICK), redirect,
                "synthesisRefused").ifPresent(result -> redirect.addFlashAttribute("synthesized", result.items().size()));
        return "redirect:/projects/" + id;
    }
}
