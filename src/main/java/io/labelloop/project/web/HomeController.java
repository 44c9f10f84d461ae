package io.labelloop.project.web;

import io.labelloop.project.internal.ProjectService;
import io.labelloop.security.AuthenticatedUser;
import io.labelloop.shared.web.PageController;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The signed-in start page: the projects the user belongs to. */
@PageController
class HomeController {

    private final ProjectService projects;

    HomeController(ProjectService projects) {
        this.projects = projects;
    }

    @GetMapping("/")
    String home(@AuthenticationPrincipal AuthenticatedUser me, Model model) {
        model.addAttribute("user", me);
        model.addAttribute("projects", projects.visibleTo(me));
        return "home";
    }
}
