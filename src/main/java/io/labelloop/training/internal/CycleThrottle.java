package io.labelloop.training.internal;

import io.labelloop.annotation.ItemLabeled;
import io.labelloop.training.TrainingSettings;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Annotators first: while a label was given within {@code busyAfterLabel}, on this instance or on any instance of
 * the same database (the newest label event: a worker-only instance learns that annotators label on the API
 * replicas), a cycle uses at most {@code busyShare} of the cores. It then scores on its own thread instead of beside a reader thread (one core
 * of two), yields after every chunk, and below one core rests after each chunk for the rest of its share.
 */
@Component
class CycleThrottle {

    /** How long the database's answer is reused: a cycle asks after every chunk it scores. */
    private static final long DATABASE_RECHECK_NANOS = 1_000_000_000L;

    private final TrainingSettings settings;
    private final JdbcClient jdbc;
    private final int cores;
    private volatile long lastLabelNanos = System.nanoTime() - Long.MAX_VALUE / 2;
    private volatile long databaseCheckedNanos = System.nanoTime() - Long.MAX_VALUE / 2;
    private volatile boolean databaseBusy;

    CycleThrottle(TrainingSettings settings, JdbcClient jdbc) {
        this.settings = settings;
        this.jdbc = jdbc;
        this.cores = Runtime.getRuntime().availableProcessors();
    }

    @EventListener
    void on(ItemLabeled event) {
        lastLabelNanos = System.nanoTime();
    }

    /** Makes the next {@link #busy()} ask the database afresh (a cycle's decision when its scoring starts). */
    void refresh() {
        databaseCheckedNanos = System.nanoTime() - Long.MAX_VALUE / 2;
    }

    /** Whether annotators are active now, here or on another instance of the database (asked at most once a second). */
    boolean busy() {
        long now = System.nanoTime();
        if (now - lastLabelNanos < settings.busyAfterLabel().toNanos()) {
            return true;
        }
        if (now - databaseCheckedNanos >= DATABASE_RECHECK_NANOS) {
            databaseBusy = labeledInDatabaseWithin(settings.busyAfterLabel());
            databaseCheckedNanos = now;
        }
        return databaseBusy;
    }

    /** Whether the newest human label event of the database (any project, any instance) is younger than {@code d}. */
    private boolean labeledInDatabaseWithin(java.time.Duration d) {
        return jdbc.sql("select at > now() - make_interval(secs => ?) from label_events order by id desc limit 1")
                .param(d.toMillis() / 1000.0).query(Boolean.class).optional().orElse(false);
    }

    /** Cores a cycle may use now: all of them while annotators rest, else its share (at least a part of one). */
    double cores() {
        return busy() ? Math.clamp(settings.busyShare(), 0.05, 1.0) * cores : cores;
    }

    /** Threads a cycle may keep busy now (the pipelined scorer needs two). */
    int threads() {
        return (int) Math.max(1, Math.floor(cores()));
    }

    /**
     * Called by a cycle's scoring thread after a chunk that took {@code workedNanos}: gives the other threads a
     * turn and, while the share is below one core, rests for the rest of it.
     */
    void pause(long workedNanos) {
        double share = cores();
        if (share < 1.0) {
            try {
                Thread.sleep(java.time.Duration.ofNanos((long) (workedNanos * (1 / share - 1))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pacing a cycle", e);
            }
        } else {
            Thread.yield();
        }
    }
}
