package io.labelloop.synthesis.web;

import io.labelloop.security.AuthenticatedUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The labeling page's "Not a valid example" (key X) on a synthetic item, through the browser session;
 * errors come back as problem details, which the page shows.
 */
@RestController
class InvalidExamplePage {

    private final SynthesisController api;

    InvalidExamplePage(SynthesisController api) {
        this.api = api;
    }

    @PostMapping("/projects/{id}/label/{itemId}/invalid")
    Marked markInvalid(@PathVariable long id, @PathVariable long itemId,
            @AuthenticationPrincipal AuthenticatedUser me) {
        api.markInvalid(id, itemId, me);
        return new Marked(itemId, true);
    }

    /** The page's answer: the item is marked not valid. */
    record Marked(long itemId, boolean invalid) {
    }
}
