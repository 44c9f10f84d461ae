package io.labelloop.training.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** Milliseconds spent in each phase of a cycle, in order; stored with the model version and shown to leads. */
final class PhaseTimer {

    private final Map<String, Long> millis = new LinkedHashMap<>();
    private final long started = System.nanoTime();
    private long last = started;

    /** Ends the current phase under the given name. */
    void lap(String phase) {
        long now = System.nanoTime();
        millis.merge(phase, (now - last) / 1_000_000, Long::sum);
        last = now;
    }

    Map<String, Long> millis() {
        return millis;
    }

    /** Nanoseconds since the timer was made (the cycle's start). */
    long elapsedNanos() {
        return System.nanoTime() - started;
    }

    long total() {
        return millis.values().stream().mapToLong(Long::longValue).sum();
    }
}
