package io.labelloop.security.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * Failures counted per key with exponential backoff: the first {@code freeAttempts} failures cost
 * nothing; after that a key waits {@code firstWait · 2^(f − freeAttempts)} from its latest failure
 * (f failures so far), at most {@code maxWait}. An attempt refused while waiting is not a failure, so
 * waiting it out always works. Memory is bounded: at most {@code maxKeys} keys, evicted by Caffeine's
 * W-TinyLFU policy, which keeps keys that keep failing over a flood of one-off keys; a key is
 * forgotten twice the longest wait after its latest failure.
 */
final class FailureBackoff {

    private record Failures(int count, long lastNanos) {
    }

    private final int freeAttempts;
    private final long firstWaitNanos;
    private final long maxWaitNanos;
    private final Cache<String, Failures> failures;

    FailureBackoff(int freeAttempts, Duration firstWait, Duration maxWait, long maxKeys) {
        this.freeAttempts = freeAttempts;
        this.firstWaitNanos = firstWait.toNanos();
        this.maxWaitNanos = maxWait.toNanos();
        this.failures = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterWrite(maxWait.multipliedBy(2)).build();
    }

    /** How long the key must still wait before its next attempt counts; zero when it may try now. */
    Duration remaining(String key) {
        Failures f = failures.getIfPresent(key);
        if (f == null || f.count() < freeAttempts) {
            return Duration.ZERO;
        }
        long left = f.lastNanos() + wait(f.count() - freeAttempts) - System.nanoTime();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    void fail(String key) {
        long now = System.nanoTime();
        failures.asMap().merge(key, new Failures(1, now), (old, one) -> new Failures(old.count() + 1, now));
    }

    void reset(String key) {
        failures.invalidate(key);
    }

    private long wait(int doublings) {
        if (doublings >= 62 || firstWaitNanos > (maxWaitNanos >> Math.min(doublings, 62))) {
            return maxWaitNanos;
        }
        return Math.min(maxWaitNanos, firstWaitNanos << doublings);
    }
}
