package io.labelloop.shared;

import java.util.Locale;

/**
 * What one instance of the service does ({@code LABELLOOP_ROLE}). Every background job already coordinates
 * through the database (a cycle holds its project's advisory lock, embedding batches and webhook deliveries are
 * claimed with {@code FOR UPDATE SKIP LOCKED}), so any mix of roles on one database is safe; the roles only decide
 * where the cores go. {@link InstanceRoleDefaults} turns a role into the defaults of the jobs' own switches.
 */
public enum InstanceRole {

    /** Serves users and runs the background jobs: one instance does everything (the default). */
    ALL,
    /** Serves users only: no scheduled retrain-and-score cycles, no embedding worker, no webhook delivery. */
    API,
    /** Runs the background jobs and answers only {@code /actuator} (health, metrics): nothing for users. */
    WORKER;

    public static final String PROPERTY = "labelloop.role";

    /** The role named by a setting (any case); an unknown name stops the start with a message naming the choices. */
    public static InstanceRole of(String name) {
        if (name == null || name.isBlank()) {
            return ALL;
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("LABELLOOP_ROLE (" + PROPERTY + ") is '" + name
                    + "'; it must be one of all, api, worker", e);
        }
    }

    /** Whether this instance runs the scheduled cycles and the background workers by default. */
    public boolean runsBackgroundJobs() {
        return this != API;
    }

    /** Whether this instance serves the API and the pages. */
    public boolean servesUsers() {
        return this != WORKER;
    }
}
