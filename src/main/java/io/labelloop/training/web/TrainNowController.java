package io.labelloop.training.web;

import io.labelloop.security.AuthenticatedUser;
import io.labelloop.shared.web.PageActions;
import io.labelloop.shared.web.PageController;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The dashboard's "Train now" button (leads and admins): the API's training run in the background,
 * with the same checks; when there is nothing to train on yet, the dashboard says why.
 */
@PageController
class TrainNowController {

    private final TrainingController api;

    TrainNowController(TrainingController api) {
        this.api = api;
    }

    @PostMapping("/projects/{id}/train")
    String train(@PathVariable long id, @AuthenticationPrincipal AuthenticatedUser me, RedirectAttributes redirect) {
        boolean started = PageActions.unlessRefused(() -> api.train(id, false, me), redirect, "trainRefused").isPresent();
        return "redirect:/projects/" + id + (started ? "?training" : "");
    }
}
