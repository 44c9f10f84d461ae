package io.labelloop.quality.web;

import io.labelloop.project.ProjectAccess;
import io.labelloop.quality.ReviewService;
import io.labelloop.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The review queue and reviews, for leads and admins. */
@RestController
@Tag(name = "Projects")
class ReviewController {

    private final ProjectAccess access;
    private final ReviewService reviews;

    ReviewController(ProjectAccess access, ReviewService reviews) {
        this.access = access;
        this.reviews = reviews;
    }

    record ReviewCommand(String label) {
    }

    @GetMapping("/api/v1/projects/{id}/review")
    @Operation(summary = "Items to review, most useful first: disagreements and low-confidence consensus (LEAD, ADMIN)")
    List<ReviewService.ReviewItem> queue(@PathVariable long id, @RequestParam(defaultValue = "50") int limit,
            @AuthenticationPrincipal AuthenticatedUser me) {
        return reviews.queue(access.requireManage(id, me), limit);
    }

    @PostMapping("/api/v1/projects/{id}/items/{itemId}/review")
    @Operation(summary = "Set the item's final label as a reviewer (LEAD, ADMIN); it wins over consensus")
    ReviewService.Reviewed review(@PathVariable long id, @PathVariable long itemId, @RequestBody ReviewCommand command,
            @AuthenticationPrincipal AuthenticatedUser me) {
        return reviews.review(access.requireManage(id, me), itemId, me.id(), command == null ? null : command.label());
    }
}
