package io.labelloop.browse.web;

import io.labelloop.annotation.LabelSubmission;
import io.labelloop.annotation.UndoPolicy;
import io.labelloop.browse.ItemFlags;
import io.labelloop.browse.MyLabels;
import io.labelloop.project.Project;
import io.labelloop.project.ProjectAccess;
import io.labelloop.security.AuthenticatedUser;
import io.labelloop.shared.ApiException;
import io.labelloop.shared.web.PageController;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "My labels": any member sees their own recent labels, changes one (as {@code POST .../labels} does: a
 * replacement costs no budget), takes one back (as {@code DELETE .../labels/mine}: the budget comes back) or
 * flags the item for the lead. Plain forms, redirect after post; what the API would refuse is said on the page.
 */
@PageController
class MyLabelsPage {

    private static final int PAGE_SIZE = 50;

    private final ProjectAccess access;
    private final MyLabels mine;
    private final LabelSubmission labels;
    private final ItemFlags flags;

    MyLabelsPage(ProjectAccess access, MyLabels mine, LabelSubmission labels, ItemFlags flags) {
        this.access = access;
        this.mine = mine;
        this.labels = labels;
        this.flags = flags;
    }

    @GetMapping("/projects/{id}/mine")
    String list(@PathVariable long id, @RequestParam(required = false) String before,
            @AuthenticationPrincipal AuthenticatedUser me, Model model) {
        Project project = access.requireView(id, me);
        model.addAttribute("project", project);
        try {
            model.addAttribute("page", mine.recent(project.id(), me.id(), before, PAGE_SIZE));
        } catch (ApiException e) {
            model.addAttribute("problem", e.getMessage());
            model.addAttribute("page", new MyLabels.Page(java.util.List.of(), null));
        }
        return "mine";
    }

    @PostMapping("/projects/{id}/mine/{itemId}")
    String change(@PathVariable long id, @PathVariable long itemId, @RequestParam(defaultValue = "") String label,
            @AuthenticationPrincipal AuthenticatedUser me, RedirectAttributes redirect) {
        Project project = access.requireView(id, me);
        redirect.addFlashAttribute("doneLabel", label);
        return done(project, itemId, redirect, () -> labels.submit(project, itemId, me.id(), label) == LabelSubmission.Outcome.UNCHANGED
                ? "unchanged" : "changed");
    }

    @PostMapping("/projects/{id}/mine/{itemId}/remove")
    String remove(@PathVariable long id, @PathVariable long itemId, @AuthenticationPrincipal AuthenticatedUser me,
            RedirectAttributes redirect) {
        Project project = access.requireView(id, me);
        return done(project, itemId, redirect, () -> {
            labels.undo(project, itemId, me.id(), UndoPolicy.Rule.ANY_TIME);
            return "removed";
        });
    }

    @PostMapping("/projects/{id}/mine/{itemId}/flag")
    String flag(@PathVariable long id, @PathVariable long itemId, @RequestParam(defaultValue = "") String kind,
            @RequestParam(required = false) String note, @AuthenticationPrincipal AuthenticatedUser me, RedirectAttributes redirect) {
        Project project = access.requireView(id, me);
        return done(project, itemId, redirect, () -> {
            flags.add(project.id(), itemId, me.id(), kind, note);
            return "flagged";
        });
    }

    /** Runs an action and redirects to the list, saying what it did, or what the API would have refused. */
    private static String done(Project project, long itemId, RedirectAttributes redirect, java.util.function.Supplier<String> action) {
        try {
            redirect.addFlashAttribute("done", action.get());
            redirect.addFlashAttribute("doneItem", itemId);
        } catch (ApiException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/projects/" + project.id() + "/mine";
    }
}
