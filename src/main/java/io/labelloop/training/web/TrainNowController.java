package io.labelloop.training.web;

import io.labelloop.project.ProjectAccess;
import io.labelloop.security.AuthenticatedUser;
import io.labelloop.shared.web.PageController;
import io.labelloop.training.internal.TrainingScheduler;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** The dashboard's "Train now" button (leads and admins): starts a cycle in the background and goes back. */
@PageController
class TrainNowController {

    private final ProjectAccess access;
    private final TrainingScheduler scheduler;

    TrainNowController(ProjectAccess access, TrainingScheduler scheduler) {
        this.access = access;
        this.scheduler = scheduler;
    }

    @PostMapping("/projects/{id}/train")
    String train(@PathVariable long id, @AuthenticationPrincipal AuthenticatedUser me) {
        access.requireManage(id, me);
        scheduler.request(id);
        return "redirect:/projects/" + id + "?training";
    }
}
