package io.labelloop.training.web;

import io.labelloop.project.ProjectAccess;
import io.labelloop.security.AuthenticatedUser;
import io.labelloop.training.internal.ModelFiles;
import io.labelloop.training.internal.ModelFiles.ModelFile;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The model download: a model version as a file other programs run without Labelloop (ONNX or JSON). */
@RestController
@Tag(name = "Models and training")
class ModelDownloadController {

    private final ProjectAccess access;
    private final ModelFiles files;

    ModelDownloadController(ProjectAccess access, ModelFiles files) {
        this.access = access;
        this.files = files;
    }

    @GetMapping("/api/v1/projects/{id}/models/{version}/download")
    @Operation(summary = "A model version as a file: format=json (every family: featurizer settings, weights, classes, "
            + "temperature) or format=onnx (the linear family on TABULAR features or image pixels; 422 otherwise)")
    ResponseEntity<byte[]> download(@PathVariable long id, @PathVariable int version,
            @RequestParam(defaultValue = "json") String format, @AuthenticationPrincipal AuthenticatedUser me) {
        return response(files.file(access.requireView(id, me), version, format));
    }

    /** The file as an attachment (also for the dashboard's buttons). */
    static ResponseEntity<byte[]> response(ModelFile file) {
        return ResponseEntity.ok().contentType(file.onnx() ? MediaType.APPLICATION_OCTET_STREAM : MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file.name()).build().toString())
                .body(file.bytes());
    }
}
