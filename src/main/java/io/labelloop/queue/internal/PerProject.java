package io.labelloop.queue.internal;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Map;

/** Per-project state of the claim path, bounded so that memory does not grow with the number of projects ever seen. */
final class PerProject {

    private static final int MAX_PROJECTS = 10_000;
    private static final Duration IDLE = Duration.ofHours(1);

    private PerProject() {
    }

    static <V> Map<Long, V> map() {
        return Caffeine.newBuilder().maximumSize(MAX_PROJECTS).expireAfterAccess(IDLE).<Long, V>build().asMap();
    }
}
