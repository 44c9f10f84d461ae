package io.labelloop.project;

/** A project was deleted; modules that keep per-project data remove theirs in the same transaction. */
public record ProjectDeleted(long projectId) {
}
