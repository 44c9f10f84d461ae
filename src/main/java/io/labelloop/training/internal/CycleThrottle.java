package io.labelloop.training.internal;

import io.labelloop.annotation.ItemLabeled;
import io.labelloop.training.TrainingSettings;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Annotators first: while a label was given on this instance within {@code busyAfterLabel}, a cycle uses at most
 * {@code busyShare} of the cores. It then scores on its own thread instead of beside a reader thread (one core
 * of two), yields after every chunk, and below one core rests after each chunk for the rest of its share.
 */
@Component
class CycleThrottle {

    private final TrainingSettings settings;
    private final int cores;
    private volatile long lastLabelNanos = System.nanoTime() - Long.MAX_VALUE / 2;

    CycleThrottle(TrainingSettings settings) {
        this.settings = settings;
        this.cores = Runtime.getRuntime().availableProcessors();
    }

    @EventListener
    void on(ItemLabeled event) {
        lastLabelNanos = System.nanoTime();
    }

    /** Whether annotators are active now. */
    boolean busy() {
        return System.nanoTime() - lastLabelNanos < settings.busyAfterLabel().toNanos();
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
