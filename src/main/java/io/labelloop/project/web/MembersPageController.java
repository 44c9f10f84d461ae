package io.labelloop.project.web;

import io.labelloop.project.Project;
import io.labelloop.project.ProjectAccess;
import io.labelloop.project.internal.ProjectService;
import io.labelloop.security.AuthenticatedUser;
import io.labelloop.shared.ApiException;
import io.labelloop.shared.web.PageController;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Who works on a project, with their roles; leads add and remove members. */
@PageController
class MembersPageController {

    private final ProjectService projects;
    private final ProjectAccess access;

    MembersPageController(ProjectService projects, ProjectAccess access) {
        this.projects = projects;
        this.access = access;
    }

    @GetMapping("/projects/{id}/members")
    String members(@PathVariable long id, @AuthenticationPrincipal AuthenticatedUser me, Model model) {
        Project project = access.requireManage(id, me);
        model.addAttribute("project", project);
        model.addAttribute("members", projects.members(id, me));
        return "members";
    }

    @PostMapping("/projects/{id}/members")
    String add(@PathVariable long id, @RequestParam(defaultValue = "") String username,
            @AuthenticationPrincipal AuthenticatedUser me, Model model, RedirectAttributes redirect) {
        try {
            projects.addMember(id, username.strip(), me);
        } catch (ApiException e) {
            if (e.status() != HttpStatus.UNPROCESSABLE_CONTENT) {
                throw e;
            }
            model.addAttribute("username", username);
            model.addAttribute("usernameError", e.errors().isEmpty() ? e.getMessage() : e.errors().getFirst().message());
            return members(id, me, model);
        }
        redirect.addFlashAttribute("added", username.strip());
        return "redirect:/projects/" + id + "/members";
    }

    @PostMapping("/projects/{id}/members/{username}/remove")
    String remove(@PathVariable long id, @PathVariable String username, @AuthenticationPrincipal AuthenticatedUser me,
            RedirectAttributes redirect) {
        projects.removeMember(id, username, me);
        redirect.addFlashAttribute("removed", username);
        return "redirect:/projects/" + id + "/members";
    }
}
