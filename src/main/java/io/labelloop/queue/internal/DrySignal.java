package io.labelloop.queue.internal;

import io.labelloop.queue.QueueRanDry;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** The queue's signal that a project's ranked batch is used up ({@link QueueRanDry}), throttled per project. */
@Component
class DrySignal {

    private static final long DRY_SIGNAL_GAP_NANOS = 1_000_000_000L;

    private final Map<Long, long[]> lastDrySignal = PerProject.map();
    private final ApplicationEventPublisher events;

    DrySignal(ApplicationEventPublisher events) {
        this.events = events;
    }

    /**
     * Tells the training module once per {@link #DRY_SIGNAL_GAP_NANOS} and project: while the
     * ranked batch is used up every claim on the headroom or fallback entries would say it again, and each
     * signal costs a cycle check (counters and the queue) that finds the cycle busy or not yet due.
     */
    void ranDry(long projectId) {
        long now = System.nanoTime();
        long[] last = lastDrySignal.computeIfAbsent(projectId, id -> new long[] {now - DRY_SIGNAL_GAP_NANOS});
        synchronized (last) {
            if (now - last[0] < DRY_SIGNAL_GAP_NANOS) {
                return;
            }
            last[0] = now;
        }
        events.publishEvent(new QueueRanDry(projectId));
    }
}
