package io.labelloop.embedding.web;

import io.labelloop.embedding.EmbeddingProgress;
import io.labelloop.embedding.EmbeddingSearch;
import io.labelloop.learning.TaskType;
import io.labelloop.project.Project;
import io.labelloop.project.ProjectAccess;
import io.labelloop.queue.QueueBoard;
import io.labelloop.security.AuthenticatedUser;
import io.labelloop.shared.ApiException;
import io.labelloop.shared.web.PageController;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The lead's search by meaning: type a phrase (or start from an item) and see the items that say the same,
 * with their labels so far, e.g. to find examples of a class the pool hardly shows, and send the ticked ones
 * to the head of the queue.
 */
@PageController
class SearchPage {

    private static final int RESULTS = 50;

    private final ProjectAccess access;
    private final EmbeddingSearch search;
    private final EmbeddingProgress progress;
    private final QueueBoard queue;

    SearchPage(ProjectAccess access, EmbeddingSearch search, EmbeddingProgress progress, QueueBoard queue) {
        this.access = access;
        this.search = search;
        this.progress = progress;
        this.queue = queue;
    }

    @GetMapping("/projects/{id}/search")
    String page(@PathVariable long id, @RequestParam(required = false) String q, @RequestParam(required = false) Long like,
            @AuthenticationPrincipal AuthenticatedUser me, Model model) {
        Project project = access.requireManage(id, me);
        if (project.taskType() != TaskType.TEXT) {
            throw ApiException.notFound("search page of project", id);
        }
        model.addAttribute("project", project);
        model.addAttribute("embeddings", progress.of(project));
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("like", like);
        if (like != null) {
            model.addAttribute("results", search.similar(project, like, RESULTS));
        } else if (q != null && !q.isBlank()) {
            model.addAttribute("results", search.search(project, q.length() > 10_000 ? q.substring(0, 10_000) : q, RESULTS));
        }
        return "search";
    }

    /** Sends the ticked results to the head of the queue (guided labeling) and shows the same search again. */
    @PostMapping("/projects/{id}/search/queue")
    String sendToQueue(@PathVariable long id, @RequestParam(name = "itemId", required = false) List<Long> itemIds,
            @RequestParam(required = false) String q, @RequestParam(required = false) Long like,
            @AuthenticationPrincipal AuthenticatedUser me, RedirectAttributes redirect) {
        Project project = access.requireManage(id, me);
        int placed = itemIds == null || itemIds.isEmpty() ? 0 : queue.enqueueGuided(project.id(), itemIds.stream().limit(RESULTS).toList());
        redirect.addFlashAttribute("queued", placed);
        redirect.addAttribute("id", id);
        if (like != null) {
            redirect.addAttribute("like", like);
        } else if (q != null) {
            redirect.addAttribute("q", q);
        }
        return "redirect:/projects/{id}/search";
    }
}
