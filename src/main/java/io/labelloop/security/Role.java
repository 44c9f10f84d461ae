package io.labelloop.security;

/** What a user may do: ADMIN everything, LEAD creates and runs projects, ANNOTATOR labels in its projects. */
public enum Role {
    ADMIN,
    LEAD,
    ANNOTATOR
}
