package io.labelloop.export.web;

import io.labelloop.export.internal.ExportJobs;
import io.labelloop.export.internal.ExportJobs.Job;
import io.labelloop.export.internal.ExportRequest;
import io.labelloop.project.Project;
import io.labelloop.project.ProjectAccess;
import io.labelloop.security.AuthenticatedUser;
import io.labelloop.shared.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Export jobs: a large export written to a stored file with progress, then downloaded (resumable with Range). */
@RestController
@RequestMapping("/api/v1/projects/{id}/exports")
@Tag(name = "Export")
class ExportJobController {

    private final ProjectAccess access;
    private final ExportJobs jobs;

    ExportJobController(ProjectAccess access, ExportJobs jobs) {
        this.access = access;
        this.jobs = jobs;
    }

    /** What to export, as the streamed export's parameters. */
    record NewExport(String format, List<String> source, Boolean synthetic) {
    }

    @PostMapping
    @Operation(summary = "Start an export job (format csv|jsonl|labelstudio, source, synthetic): 202 with its id and "
            + "progress; EXPORT_READY webhooks when its file is ready; 409 while another export of the project runs")
    ResponseEntity<Job> start(@PathVariable long id, @RequestBody(required = false) NewExport body,
            @AuthenticationPrincipal AuthenticatedUser me) {
        Project project = access.requireManage(id, me);
        NewExport b = body == null ? new NewExport(null, null, null) : body;
        ExportRequest request = ExportRequest.of(b.format(), b.source(), b.synthetic() == null || b.synthetic());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(jobs.start(project, request, me.id()));
    }

    @GetMapping("/{jobId}")
    @Operation(summary = "An export job: state RUNNING, READY or FAILED (with error), rowsDone of rowsTotal, progress")
    Job job(@PathVariable long id, @PathVariable long jobId, @AuthenticationPrincipal AuthenticatedUser me) {
        access.requireManage(id, me);
        return jobs.find(id, jobId).orElseThrow(() -> ApiException.notFound("export job", jobId));
    }

    @GetMapping("/{jobId}/file")
    @Operation(summary = "The job's file once READY; honours Range (206 with the bytes asked for), so a broken "
            + "download resumes; 409 before it is ready")
    ResponseEntity<Resource> file(@PathVariable long id, @PathVariable long jobId, @AuthenticationPrincipal AuthenticatedUser me) {
        Project project = access.requireManage(id, me);
        ExportJobs.JobFile file = jobs.file(project, jobId);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(file.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file.name()).build().toString())
                .header(HttpHeaders.ACCEPT_RANGES, "bytes")
                .body(new FileSystemResource(file.path()));
    }
}
