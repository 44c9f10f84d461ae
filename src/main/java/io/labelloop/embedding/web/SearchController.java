package io.labelloop.embedding.web;

import io.labelloop.embedding.EmbeddingSearch;
import io.labelloop.embedding.SimilarItem;
import io.labelloop.project.ProjectAccess;
import io.labelloop.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Embeddings")
class SearchController {

    private final ProjectAccess access;
    private final EmbeddingSearch search;

    SearchController(ProjectAccess access, EmbeddingSearch search) {
        this.access = access;
        this.search = search;
    }

    @GetMapping("/api/v1/projects/{id}/items/search")
    @Operation(summary = "Items nearest in meaning to a phrase (TEXT projects, over the items embedded so far)")
    List<SimilarItem> search(@PathVariable long id, @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "20") int limit, @AuthenticationPrincipal AuthenticatedUser me) {
        return search.search(access.requireView(id, me), q, limit);
    }

    /** For the labeling page: the labeled items nearest to the item on show, none while it is not embedded yet. */
    @GetMapping("/projects/{id}/label/{itemId}/similar")
    List<SimilarItem> labeledNeighbours(@PathVariable long id, @PathVariable long itemId,
            @RequestParam(defaultValue = "3") int limit, @AuthenticationPrincipal AuthenticatedUser me) {
        return search.labeledNeighbours(access.requireView(id, me), itemId, limit);
    }

    @GetMapping("/api/v1/projects/{id}/items/{itemId}/similar")
    @Operation(summary = "Items nearest in meaning to an item of the project; with labeled=true only items with a "
            + "human's or an imported label (the labeling page shows them beside the item)")
    List<SimilarItem> similar(@PathVariable long id, @PathVariable long itemId,
            @RequestParam(defaultValue = "20") int limit, @RequestParam(defaultValue = "false") boolean labeled,
            @AuthenticationPrincipal AuthenticatedUser me) {
        return search.similar(access.requireView(id, me), itemId, limit, labeled);
    }
}
