package io.labelloop.item;

import io.labelloop.project.Project;

/**
 * A part of an upload's report that other modules add once their background work on its items is done (or to
 * say how far it is): {@code GET /api/v1/projects/{id}/uploads/{uploadId}} puts each under its {@link #field()}.
 */
public interface UploadFollowUp {

    /** The report's JSON field. */
    String field();

    /** What this module knows about the upload's items, or null when it has nothing to say of this project. */
    Object about(Project project, StoredUpload upload);
}
