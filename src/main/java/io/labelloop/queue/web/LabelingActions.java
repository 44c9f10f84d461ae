package io.labelloop.queue.web;

import io.labelloop.annotation.LabelQueries;
import io.labelloop.annotation.LabelSubmission;
import io.labelloop.project.Project;
import io.labelloop.project.ProjectAccess;
import io.labelloop.queue.internal.ClaimService;
import io.labelloop.queue.internal.ClaimService.Claim;
import io.labelloop.queue.internal.ClaimService.ClaimedItem;
import io.labelloop.queue.web.LabelingProgress.Progress;
import io.labelloop.security.AuthenticatedUser;
import io.labelloop.shared.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The labeling page's actions, in the browser session (CSRF-protected, unlike the token API):
 * claim items, label, skip, undo. Each answer carries the annotator's progress.
 */
@RestController
@RequestMapping("/projects/{id}/label")
class LabelingActions {

    /** How long after labeling an annotator may still take the label back from the page. */
    static final Duration UNDO_WINDOW = Duration.ofSeconds(60);
    private static final int MAX_CLAIM = 5;

    private final ProjectAccess access;
    private final ClaimService claims;
    private final LabelSubmission labels;
    private final LabelQueries labelQueries;
    private final LabelingProgress progress;

    LabelingActions(ProjectAccess access, ClaimService claims, LabelSubmission labels, LabelQueries labelQueries,
            LabelingProgress progress) {
        this.access = access;
        this.claims = claims;
        this.labels = labels;
        this.labelQueries = labelQueries;
        this.progress = progress;
    }

    /** An item as the page shows it; the image comes from the session-authenticated image route. */
    record Card(long itemId, String externalId, String text, Map<String, Float> features, String imageUrl, String reason,
            double score, Map<String, Object> prediction) {
    }

    record Batch(List<Card> items, String emptyReason, Progress progress) {
    }

    @PostMapping("/claim")
    Batch claim(@PathVariable long id, @RequestParam(defaultValue = "1") int count,
            @AuthenticationPrincipal AuthenticatedUser me) {
        Project project = access.requireView(id, me);
        Claim claim = claims.claim(project, me.id(), Math.clamp(count, 1, MAX_CLAIM));
        List<Card> cards = claim.items().stream().map(i -> card(project, i)).toList();
        return new Batch(cards, claim.reason() == null ? null : claim.reason().name(), progress.of(project, me.id()));
    }

    @PostMapping("/{itemId}")
    Progress label(@PathVariable long id, @PathVariable long itemId, @RequestParam String label,
            @AuthenticationPrincipal AuthenticatedUser me) {
        Project project = access.requireView(id, me);
        labels.submit(project, itemId, me.id(), label);
        return progress.of(project, me.id());
    }

    @PostMapping("/{itemId}/skip")
    Progress skip(@PathVariable long id, @PathVariable long itemId, @AuthenticationPrincipal AuthenticatedUser me) {
        Project project = access.requireView(id, me);
        claims.skip(project, itemId, me.id());
        return progress.of(project, me.id());
    }

    @PostMapping("/{itemId}/undo")
    Progress undo(@PathVariable long id, @PathVariable long itemId, @AuthenticationPrincipal AuthenticatedUser me) {
        Project project = access.requireView(id, me);
        Instant labeledAt = labelQueries.humanLabelTime(id, itemId, me.id())
                .orElseThrow(() -> ApiException.notFound("your label on item", itemId));
        if (labeledAt.plus(UNDO_WINDOW).isBefore(Instant.now())) {
            throw ApiException.conflict("a label can be undone for " + UNDO_WINDOW.toSeconds() + " seconds after labeling");
        }
        labels.undo(project, itemId, me.id());
        return progress.of(project, me.id());
    }

    private static Card card(Project project, ClaimedItem item) {
        String image = item.imageUrl() == null ? null : "/projects/" + project.id() + "/items/" + item.itemId() + "/image";
        return new Card(item.itemId(), item.externalId(), item.text(), item.features(), image, item.reason(), item.score(),
                item.prediction());
    }
}
