package io.labelloop.embedding.web;

import io.labelloop.embedding.EmbeddingProgress;
import io.labelloop.embedding.EmbeddingStatus;
import io.labelloop.project.ProjectAccess;
import io.labelloop.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Embeddings")
class EmbeddingController {

    private final ProjectAccess access;
    private final EmbeddingProgress progress;

    EmbeddingController(ProjectAccess access, EmbeddingProgress progress) {
        this.access = access;
        this.progress = progress;
    }

    @GetMapping("/api/v1/projects/{id}/embeddings")
    EmbeddingStatus embeddings(@PathVariable long id, @AuthenticationPrincipal AuthenticatedUser me) {
        return progress.of(access.requireView(id, me));
    }
}
