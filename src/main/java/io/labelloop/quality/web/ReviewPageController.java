package io.labelloop.quality.web;

import io.labelloop.item.ItemQueries;
import io.labelloop.project.Project;
import io.labelloop.project.ProjectAccess;
import io.labelloop.quality.ReviewService;
import io.labelloop.security.AuthenticatedUser;
import io.labelloop.shared.ApiException;
import io.labelloop.shared.web.PageController;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The review page (LEAD, ADMIN): the most useful item of the review queue with its judgments; keys pick the final label. */
@PageController
class ReviewPageController {

    private final ProjectAccess access;
    private final ReviewService reviews;
    private final ItemQueries items;
    private final tools.jackson.databind.json.JsonMapper json;

    ReviewPageController(ProjectAccess access, ReviewService reviews, ItemQueries items, tools.jackson.databind.json.JsonMapper json) {
        this.json = json;
        this.access = access;
        this.reviews = reviews;
        this.items = items;
    }

    /** A label with its key: 1-9 and 0 for the first ten labels. */
    record KeyedLabel(String label, String key) {
    }

    @GetMapping("/projects/{id}/review")
    String page(@PathVariable long id, @AuthenticationPrincipal AuthenticatedUser me, Model model) {
        Project project = access.requireManage(id, me);
        List<ReviewService.ReviewItem> next = reviews.queue(project, 51);
        model.addAttribute("project", project);
        model.addAttribute("waiting", next.size());
        if (!next.isEmpty()) {
            ReviewService.ReviewItem entry = next.getFirst();
            model.addAttribute("entry", entry);
            var item = items.get(id, entry.itemId());
            model.addAttribute("item", item);
            if (item.prediction() != null) { // the latest model's view, read as JSON reads it
                model.addAttribute("modelView", json.convertValue(item.prediction(), java.util.Map.class));
            }
        }
        List<KeyedLabel> keyed = new ArrayList<>();
        for (int i = 0; i < project.labels().size(); i++) {
            keyed.add(new KeyedLabel(project.labels().get(i), i < 9 ? String.valueOf(i + 1) : i == 9 ? "0" : null));
        }
        model.addAttribute("keyedLabels", keyed);
        return "review";
    }

    @PostMapping("/projects/{id}/review/{itemId}")
    String review(@PathVariable long id, @PathVariable long itemId, @RequestParam(defaultValue = "") String label,
            @AuthenticationPrincipal AuthenticatedUser me, RedirectAttributes redirect) {
        Project project = access.requireManage(id, me);
        try {
            reviews.review(project, itemId, me.id(), label);
            redirect.addFlashAttribute("reviewed", label);
        } catch (ApiException e) {
            redirect.addFlashAttribute("reviewError", e.getMessage());
        }
        return "redirect:/projects/" + id + "/review";
    }
}
