package io.labelloop.browse.web;

import io.labelloop.annotation.LabelSubmission;
import io.labelloop.browse.BrowseQuery;
import io.labelloop.browse.ItemBrowser;
import io.labelloop.browse.ItemHistory;
import io.labelloop.item.ItemQueries;
import io.labelloop.project.Project;
import io.labelloop.project.ProjectAccess;
import io.labelloop.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The item browser's API for leads: find items, read an item's history, relabel it. */
@RestController
@RequestMapping("/api/v1/projects/{id}/items")
@Tag(name = "Item browser")
class ItemBrowserController {

    private final ProjectAccess access;
    private final ItemBrowser browser;
    private final ItemHistory history;
    private final ItemQueries items;
    private final LabelSubmission labels;

    ItemBrowserController(ProjectAccess access, ItemBrowser browser, ItemHistory history, ItemQueries items,
            LabelSubmission labels) {
        this.access = access;
        this.browser = browser;
        this.history = history;
        this.items = items;
        this.labels = labels;
    }

    @GetMapping("/browse")
    @Operation(summary = "Items by text, id, label, source, prediction, confidence, queue state or open flags; keyset pages (next)")
    ItemBrowser.Page browse(@PathVariable long id, @RequestParam(required = false) String q,
            @RequestParam(required = false) String label, @RequestParam(required = false) String source,
            @RequestParam(required = false) String predicted, @RequestParam(required = false) Double minConfidence,
            @RequestParam(required = false) Double maxConfidence, @RequestParam(required = false) Boolean queued,
            @RequestParam(required = false) Boolean flagged,
            @RequestParam(required = false) BrowseQuery.Sort sort, @RequestParam(required = false) String after,
            @RequestParam(defaultValue = "50") int limit, @AuthenticationPrincipal AuthenticatedUser me) {
        Project project = access.requireManage(id, me);
        return browser.page(project.id(), new BrowseQuery(q, label, source, predicted, minConfidence, maxConfidence,
                queued, flagged, sort, after, limit));
    }

    @GetMapping("/{itemId}/history")
    @Operation(summary = "Who labeled the item what and when, the machine's label, the queue entry and its prediction")
    ItemHistory.History history(@PathVariable long id, @PathVariable long itemId, @AuthenticationPrincipal AuthenticatedUser me) {
        Project project = access.requireManage(id, me);
        items.get(project.id(), itemId); // 404 for an item the project does not have
        return history.of(project.id(), itemId);
    }

    record Relabel(String label) {
    }

    @PostMapping("/{itemId}/relabel")
    @Operation(summary = "A lead sets the item's human label (replacing an annotator's, at no new budget)")
    Map<String, String> relabel(@PathVariable long id, @PathVariable long itemId, @RequestBody Relabel body,
            @AuthenticationPrincipal AuthenticatedUser me) {
        Project project = access.requireManage(id, me);
        items.get(project.id(), itemId);
        var outcome = labels.relabel(project, itemId, me.id(), body.label() == null ? "" : body.label());
        return Map.of("outcome", outcome.name());
    }
}
