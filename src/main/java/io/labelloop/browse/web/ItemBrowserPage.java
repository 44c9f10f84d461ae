package io.labelloop.browse.web;

import io.labelloop.annotation.LabelSubmission;
import io.labelloop.browse.BrowseQuery;
import io.labelloop.browse.ItemBrowser;
import io.labelloop.browse.ItemHistory;
import io.labelloop.item.ItemQueries;
import io.labelloop.project.Project;
import io.labelloop.project.ProjectAccess;
import io.labelloop.security.AuthenticatedUser;
import io.labelloop.shared.ApiException;
import io.labelloop.shared.web.PageController;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The item browser pages for leads: the list with its filters, and one item with its history and a relabel form. */
@PageController
class ItemBrowserPage {

    private static final int PAGE_SIZE = 50;

    private final ProjectAccess access;
    private final ItemBrowser browser;
    private final ItemHistory history;
    private final ItemQueries items;
    private final LabelSubmission labels;
    private final tools.jackson.databind.json.JsonMapper json;
    private final io.labelloop.browse.ItemFlags flags;

    ItemBrowserPage(ProjectAccess access, ItemBrowser browser, ItemHistory history, ItemQueries items, LabelSubmission labels,
            tools.jackson.databind.json.JsonMapper json, io.labelloop.browse.ItemFlags flags) {
        this.flags = flags;
        this.json = json;
        this.access = access;
        this.browser = browser;
        this.history = history;
        this.items = items;
        this.labels = labels;
    }

    /** The filters as the form sends them (text, so that a half-typed value comes back as typed). */
    public record Filters(String q, String label, String source, String predicted, String minConfidence,
            String maxConfidence, String queued, String flagged, String sort, String after) {
    }

    @GetMapping("/projects/{id}/items")
    String list(@PathVariable long id, @ModelAttribute("filters") Filters filters,
            @AuthenticationPrincipal AuthenticatedUser me, Model model) {
        Project project = access.requireManage(id, me);
        model.addAttribute("project", project);
        model.addAttribute("sources", BrowseQuery.SOURCES);
        model.addAttribute("sorts", BrowseQuery.Sort.values());
        long started = System.nanoTime();
        try {
            BrowseQuery query = new BrowseQuery(filters.q(), filters.label(), filters.source(), filters.predicted(),
                    number("minConfidence", filters.minConfidence()), number("maxConfidence", filters.maxConfidence()),
                    bool(filters.queued()), bool(filters.flagged()), sort(filters.sort()), filters.after(), PAGE_SIZE);
            model.addAttribute("page", browser.page(project.id(), query));
        } catch (ApiException e) {
            model.addAttribute("problem", e.getMessage());
            model.addAttribute("page", new ItemBrowser.Page(java.util.List.of(), null));
        }
        model.addAttribute("millis", (System.nanoTime() - started) / 1_000_000);
        return "items";
    }

    @GetMapping("/projects/{id}/items/{itemId}")
    String item(@PathVariable long id, @PathVariable long itemId, @AuthenticationPrincipal AuthenticatedUser me, Model model) {
        Project project = access.requireManage(id, me);
        model.addAttribute("project", project);
        var item = items.get(project.id(), itemId);
        model.addAttribute("item", item);
        model.addAttribute("prediction", item.prediction() == null ? null : json.convertValue(item.prediction(), java.util.Map.class));
        model.addAttribute("history", history.of(project.id(), itemId));
        model.addAttribute("flags", flags.of(project.id(), itemId));
        return "item";
    }

    @PostMapping("/projects/{id}/items/{itemId}/resolve-flags")
    String resolveFlags(@PathVariable long id, @PathVariable long itemId, @AuthenticationPrincipal AuthenticatedUser me,
            RedirectAttributes redirect) {
        Project project = access.requireManage(id, me);
        items.get(project.id(), itemId);
        redirect.addFlashAttribute("resolved", flags.resolve(project.id(), itemId, me.id()));
        return "redirect:/projects/" + id + "/items/" + itemId;
    }

    @PostMapping("/projects/{id}/items/{itemId}/relabel")
    String relabel(@PathVariable long id, @PathVariable long itemId, @RequestParam(defaultValue = "") String label,
            @AuthenticationPrincipal AuthenticatedUser me, RedirectAttributes redirect) {
        Project project = access.requireManage(id, me);
        items.get(project.id(), itemId);
        try {
            labels.relabel(project, itemId, me.id(), label);
            redirect.addFlashAttribute("relabeled", label);
        } catch (ApiException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/projects/" + id + "/items/" + itemId;
    }

    private static Boolean bool(String text) {
        return text == null || text.isBlank() ? null : Boolean.valueOf(text);
    }

    private static Double number(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Double.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalid(field, "must be a number between 0 and 1");
        }
    }

    private static BrowseQuery.Sort sort(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return BrowseQuery.Sort.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("sort", "must be one of " + java.util.Arrays.toString(BrowseQuery.Sort.values()));
        }
    }
}
