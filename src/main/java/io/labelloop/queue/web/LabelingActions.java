package io.labelloop.queue.web;

import io.labelloop.annotation.LabelQueries;
import io.labelloop.annotation.LabelQueries.Progress;
import io.labelloop.annotation.LabelSubmission;
import io.labelloop.project.Project;
import io.labelloop.project.ProjectAccess;
import io.labelloop.queue.internal.ClaimService;
import io.labelloop.queue.internal.ClaimService.Claim;
import io.labelloop.queue.internal.ClaimService.ClaimedItem;
import io.labelloop.security.AuthenticatedUser;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The labeling page's actions, in the browser session (CSRF-protected, unlike the token API):
 * claim items, label, skip, and the progress. Each answer carries the annotator's progress. Undo
 * lives in the training module, which knows whether a label has been trained on.
 */
@RestController
@RequestMapping("/projects/{id}/label")
class LabelingActions {

    private static final int MAX_CLAIM = 5;

    private final ProjectAccess access;
    private final ClaimService claims;
    private final LabelSubmission labels;
    private final LabelQueries progress;

    LabelingActions(ProjectAccess access, ClaimService claims, LabelSubmission labels, LabelQueries progress) {
        this.access = access;
        this.claims = claims;
        this.labels = labels;
        this.progress = progress;
    }

    /** An item as the page shows it; the image comes from the session-authenticated image route. */
    record Card(long itemId, String externalId, String text, Map<String, Float> features, String imageUrl, String reason,
            double score, Map<String, Object> prediction, Map<String, Object> metadata, boolean synthetic,
            io.labelloop.item.ItemView.Provenance synthesis) {
    }

    record Batch(List<Card> items, String emptyReason, Progress progress) {
    }

    @PostMapping("/claim")
    Batch claim(@PathVariable long id, @RequestParam(defaultValue = "1") int count,
            @AuthenticationPrincipal AuthenticatedUser me) {
        Project project = access.requireView(id, me);
        Claim claim = claims.claim(project, me.id(), Math.clamp(count, 1, MAX_CLAIM));
        List<Card> cards = claim.items().stream().map(i -> card(project, i)).toList();
        return new Batch(cards, claim.reason() == null ? null : claim.reason().name(), progress.progress(project, me.id()));
    }

    @PostMapping("/{itemId}")
    Progress label(@PathVariable long id, @PathVariable long itemId, @RequestParam String label,
            @AuthenticationPrincipal AuthenticatedUser me) {
        Project project = access.requireView(id, me);
        labels.submit(project, itemId, me.id(), label);
        return progress.progress(project, me.id());
    }

    @PostMapping("/{itemId}/skip")
    Progress skip(@PathVariable long id, @PathVariable long itemId, @AuthenticationPrincipal AuthenticatedUser me) {
        Project project = access.requireView(id, me);
        claims.skip(project, itemId, me.id());
        return progress.progress(project, me.id());
    }

    @GetMapping("/progress")
    Progress progress(@PathVariable long id, @AuthenticationPrincipal AuthenticatedUser me) {
        return progress.progress(access.requireView(id, me), me.id());
    }

    private static Card card(Project project, ClaimedItem item) {
        String image = item.imageUrl() == null ? null : "/projects/" + project.id() + "/items/" + item.itemId() + "/image";
        return new Card(item.itemId(), item.externalId(), item.text(), item.features(), image, item.reason(), item.score(),
                item.prediction(), item.metadata(), item.synthetic(), item.synthesis());
    }
}
