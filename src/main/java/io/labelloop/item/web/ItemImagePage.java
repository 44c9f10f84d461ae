package io.labelloop.item.web;

import io.labelloop.item.ItemQueries;
import io.labelloop.project.ProjectAccess;
import io.labelloop.security.AuthenticatedUser;
import io.labelloop.shared.ApiException;
import io.labelloop.shared.web.PageController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** An item's image for the browser session (the labeling page), as the API serves it to token holders. */
@PageController
class ItemImagePage {

    private final ProjectAccess access;
    private final ItemQueries queries;

    ItemImagePage(ProjectAccess access, ItemQueries queries) {
        this.access = access;
        this.queries = queries;
    }

    @GetMapping("/projects/{id}/items/{itemId}/image")
    ResponseEntity<byte[]> image(@PathVariable long id, @PathVariable long itemId, @AuthenticationPrincipal AuthenticatedUser me) {
        return of(queries, access, id, itemId, me);
    }

    /** The stored bytes with their media type, cached privately by the browser: images never change. */
    static ResponseEntity<byte[]> of(ItemQueries queries, ProjectAccess access, long id, long itemId, AuthenticatedUser me) {
        access.requireView(id, me);
        var image = queries.image(id, itemId).orElseThrow(() -> ApiException.notFound("image of item", itemId));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(image.contentType()))
                .header("Cache-Control", "private, max-age=86400").body(image.data());
    }
}
