package io.labelloop.queue.web;

import io.labelloop.annotation.LabelQueries;
import io.labelloop.annotation.LabelQueries.Progress;
import io.labelloop.annotation.LabelSubmission;
import io.labelloop.item.PixelPictures;
import io.labelloop.item.PixelPictures.Picture;
import io.labelloop.learning.TaskType;
import io.labelloop.project.Project;
import io.labelloop.project.ProjectAccess;
import io.labelloop.queue.QueueReason;
import io.labelloop.queue.internal.ClaimService;
import io.labelloop.queue.internal.ClaimService.Claim;
import io.labelloop.queue.internal.ClaimService.ClaimedItem;
import io.labelloop.queue.internal.ClaimService.EmptyReason;
import io.labelloop.queue.internal.PageLeases;
import io.labelloop.security.AuthenticatedUser;
import io.labelloop.shared.ApiException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The labeling page's actions, in the browser session (CSRF-protected, unlike the token API):
 * claim items, label, skip, and the progress; renew and release the page's short leases. Each answer
 * carries the annotator's progress. Undo
 * lives in the training module, which knows whether a label has been trained on.
 */
@RestController
@RequestMapping("/projects/{id}/label")
class LabelingActions {

    private static final int MAX_CLAIM = 5;
    private static final int MAX_HELD = 20;

    private final ProjectAccess access;
    private final ClaimService claims;
    private final LabelSubmission labels;
    private final LabelQueries progress;
    private final PixelPictures pictures;
    private final PageLeases pageLeases;
    private final PageLeaseSettings leases;

    LabelingActions(ProjectAccess access, ClaimService claims, LabelSubmission labels, LabelQueries progress,
            PixelPictures pictures, PageLeases pageLeases, PageLeaseSettings leases) {
        this.pictures = pictures;
        this.pageLeases = pageLeases;
        this.leases = leases;
        this.access = access;
        this.claims = claims;
        this.labels = labels;
        this.progress = progress;
    }

    /** An item as the page shows it; the image comes from the session-authenticated image route. */
    record Card(long itemId, String externalId, String text, Map<String, Float> features, String imageUrl, QueueReason reason,
            double score, Map<String, Object> prediction, Map<String, Object> metadata, boolean synthetic,
            io.labelloop.item.ItemView.Provenance synthesis, Picture picture) {
    }

    /** Budget left that others' live leases hold: shown instead of "budget spent" while they label. */
    record HeldByOthers(long count, Instant until, Long budgetLeft) {
    }

    record Batch(List<Card> items, String emptyReason, Progress progress, HeldByOthers heldByOthers) {
    }

    record Renewal(List<Long> lost) {
    }

    @PostMapping("/claim")
    Batch claim(@PathVariable long id, @RequestParam(defaultValue = "1") int count,
            @AuthenticationPrincipal AuthenticatedUser me) {
        Project project = access.requireView(id, me);
        Claim claim = claims.claim(project, me.id(), Math.clamp(count, 1, MAX_CLAIM), leases.duration());
        List<String> pixelNames = project.taskType() == TaskType.IMAGE && claim.items().stream().anyMatch(i -> i.features() != null)
                ? pictures.pixelNames(project.id()) : List.of();
        List<Card> cards = claim.items().stream().map(i -> card(project, pixelNames, i)).toList();
        Progress now = progress.progress(project, me.id());
        HeldByOthers held = null;
        if (claim.reason() == EmptyReason.BUDGET_EXHAUSTED) {
            PageLeases.Held others = pageLeases.heldByOthers(project.id(), me.id());
            held = new HeldByOthers(others.count(), others.until(), now.left());
        }
        return new Batch(cards, claim.reason() == null ? null : claim.reason().name(), now, held);
    }

    /** The page's heartbeat: keeps its items leased while it is open; answers the items it lost. */
    @PostMapping("/renew")
    Renewal renew(@PathVariable long id, @RequestParam List<Long> items, @AuthenticationPrincipal AuthenticatedUser me) {
        Project project = access.requireView(id, me);
        return new Renewal(pageLeases.renew(project, me.id(), limited(items), leases.duration()));
    }

    /** The page closed or its annotator left: its items go back to the queue at once. */
    @PostMapping("/release")
    ResponseEntity<Void> release(@PathVariable long id, @RequestParam List<Long> items, @AuthenticationPrincipal AuthenticatedUser me) {
        access.requireView(id, me);
        pageLeases.release(id, me.id(), limited(items));
        return ResponseEntity.noContent().build();
    }

    private static List<Long> limited(List<Long> items) {
        if (items.size() > MAX_HELD) {
            throw ApiException.invalid("items", "a page holds at most " + MAX_HELD + " items");
        }
        return items;
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

    /** An image project's pixel values come as a picture instead of a table of numbered columns. */
    private Card card(Project project, List<String> pixelNames, ClaimedItem item) {
        String image = item.imageUrl() == null ? null : "/projects/" + project.id() + "/items/" + item.itemId() + "/image";
        Picture picture = pixelNames.isEmpty() ? null
                : pictures.of(project.id(), pixelNames, project.labelingPage().imageWidth(), item.features()).orElse(null);
        return new Card(item.itemId(), item.externalId(), item.text(), picture == null ? item.features() : null, image,
                item.reason(), item.score(), item.prediction(), item.metadata(), item.synthetic(), item.synthesis(), picture);
    }
}
