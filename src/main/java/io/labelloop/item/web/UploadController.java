package io.labelloop.item.web;

import io.labelloop.item.StoredUpload;
import io.labelloop.item.UploadFollowUp;
import io.labelloop.project.Project;
import io.labelloop.project.ProjectAccess;
import io.labelloop.security.AuthenticatedUser;
import io.labelloop.shared.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** An upload's report again, later: its counts plus what background work has found about its items since. */
@RestController
@RequestMapping("/api/v1/projects/{id}/uploads")
@Tag(name = "Items")
class UploadController {

    private final ProjectAccess access;
    private final JdbcClient jdbc;
    private final List<UploadFollowUp> followUps;

    UploadController(ProjectAccess access, JdbcClient jdbc, List<UploadFollowUp> followUps) {
        this.access = access;
        this.jdbc = jdbc;
        this.followUps = followUps;
    }

    @GetMapping("/{uploadId}")
    @Operation(summary = "An upload's report: its counts, and near-duplicates among its items once they are embedded (TEXT)")
    Map<String, Object> report(@PathVariable long id, @PathVariable long uploadId, @AuthenticationPrincipal AuthenticatedUser me) {
        Project project = access.requireManage(id, me);
        StoredUpload upload = jdbc.sql("""
                select id, project_id, uploaded_at, received, created, duplicates, rejected_count, first_item_id, last_item_id
                from uploads where project_id = ? and id = ?""")
                .params(id, uploadId)
                .query((rs, n) -> new StoredUpload(rs.getLong(1), rs.getLong(2), rs.getObject(3, Timestamp.class).toInstant(),
                        rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getObject(8, Long.class),
                        rs.getObject(9, Long.class)))
                .optional().orElseThrow(() -> ApiException.notFound("upload", uploadId));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("uploadId", upload.id());
        out.put("uploadedAt", upload.uploadedAt());
        out.put("received", upload.received());
        out.put("created", upload.created());
        out.put("duplicates", upload.duplicates());
        out.put("rejectedCount", upload.rejectedCount());
        for (UploadFollowUp f : followUps) {
            Object about = f.about(project, upload);
            if (about != null) {
                out.put(f.field(), about);
            }
        }
        return out;
    }
}
