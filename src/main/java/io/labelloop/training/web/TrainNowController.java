package io.labelloop.training.web;

import io.labelloop.security.AuthenticatedUser;
import io.labelloop.shared.ApiException;
import io.labelloop.shared.web.PageController;
import org.springframework.http.HttpStatus;
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
        try {
            api.train(id, false, me);
        } catch (ApiException e) {
            if (e.status() != HttpStatus.CONFLICT) {
                throw e;
            }
            redirect.addFlashAttribute("trainRefused", e.getMessage());
            return "redirect:/projects/" + id;
        }
        return "redirect:/projects/" + id + "?training";
    }
}
