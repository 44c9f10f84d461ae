package io.labelloop.shared;

/**
 * The service's PostgreSQL advisory locks, defined in one place. Each uses the two-key form
 * ({@code pg_advisory_lock(class, id)}): a class below, and the project's (or instance's) id.
 */
public final class AdvisoryLocks {

    /** A project's uploads and feature-schema changes (transaction lock). */
    public static final int UPLOAD = 0x4C4C_0001;
    /** A project's retrain-and-score cycle, across instances (session lock). */
    public static final int TRAINING_CYCLE = 0x4C4C_0002;
    /** A project's label budget (transaction lock). */
    public static final int LABEL_BUDGET = 0x4C4C_0003;
    /** A live instance, held on its id while it runs; runs of instances without it are interrupted (session lock). */
    public static final int INSTANCE = 0x4C4C_0004;
    /** A project's synthesis, so that the queue cap holds under concurrency (transaction lock). */
    public static final int SYNTHESIS = 0x4C4C_0005;
    /** An export job, held on its id while an instance writes it; a running job without it was interrupted (transaction lock). */
    public static final int EXPORT_JOB = 0x4C4C_0006;
    private AdvisoryLocks() {
    }
}
