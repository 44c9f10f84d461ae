package io.labelloop.export.web;

import io.labelloop.export.internal.ExportRequest;
import io.labelloop.export.internal.ExportWriter;
import io.labelloop.project.Project;
import io.labelloop.project.ProjectAccess;
import io.labelloop.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Streams every labeled item of a project: externalId, label, source (HUMAN, CONSENSUS, REVIEWED, IMPORTED,
 * AUTO), confidence, annotator, labeledAt, synthetic, judgments; or every item as Label Studio tasks. Filters: {@code source}
 * (e.g. HUMAN for human labels only) and {@code synthetic=false}. Rows stream from a database cursor straight to
 * the response; {@code POST /exports} writes the same to a stored file as a job.
 */
@RestController
@Tag(name = "Export")
class ExportController {

    private final ProjectAccess access;
    private final ExportWriter writer;

    ExportController(ProjectAccess access, ExportWriter writer) {
        this.access = access;
        this.writer = writer;
    }

    @GetMapping("/api/v1/projects/{id}/export")
    @Operation(summary = "Streamed download of every labeled item with the source of its label (format=csv|jsonl), "
            + "or every item as Label Studio JSON tasks with its label as an annotation (format=labelstudio)")
    @Transactional(readOnly = true)
    void export(@PathVariable long id, @RequestParam(defaultValue = "csv") String format,
            @RequestParam(required = false) List<String> source, @RequestParam(defaultValue = "true") boolean synthetic,
            @AuthenticationPrincipal AuthenticatedUser me, HttpServletResponse response) throws IOException {
        Project project = access.requireManage(id, me);
        ExportRequest request = ExportRequest.of(format, source, synthetic);
        response.setContentType(request.contentType());
        response.setHeader("Content-Disposition", "attachment; filename=\"" + request.fileName(project.id()) + "\"");
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), 1 << 16);
        writer.write(project, request, out, () -> { });
        out.flush();
    }
}
