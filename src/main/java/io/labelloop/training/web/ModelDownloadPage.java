package io.labelloop.training.web;

import io.labelloop.project.ProjectAccess;
import io.labelloop.security.AuthenticatedUser;
import io.labelloop.shared.web.PageController;
import io.labelloop.training.internal.ModelFiles;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The dashboard's download buttons per model version: the API's file, in the browser session. */
@PageController
class ModelDownloadPage {

    private final ProjectAccess access;
    private final ModelFiles files;

    ModelDownloadPage(ProjectAccess access, ModelFiles files) {
        this.access = access;
        this.files = files;
    }

    @GetMapping("/projects/{id}/models/{version}/download")
    ResponseEntity<byte[]> download(@PathVariable long id, @PathVariable int version,
            @RequestParam(defaultValue = "json") String format, @AuthenticationPrincipal AuthenticatedUser me) {
        return ModelDownloadController.response(files.file(access.requireView(id, me), version, format));
    }
}
