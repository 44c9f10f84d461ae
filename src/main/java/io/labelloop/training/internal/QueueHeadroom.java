package io.labelloop.training.internal;

import io.labelloop.annotation.LabelQueries;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * How many next-best picks a cycle queues behind its batch, so that the ranked queue does not run dry while the next
 * cycle runs. The next cycle starts when claims reach these entries (the batch is used up, {@code QueueRanDry}), and
 * its batch lands about one cycle later; meanwhile annotators go on at their recent pace. So the headroom is
 * {@link #SAFETY} times the labels of that pace over the expected cycle time (the longer of this cycle so far and the
 * project's last whole cycle on this instance, label-error detection included, since the next cycle cannot start
 * before this one ends) plus {@link #SIGNAL_SECONDS} for the signal, at least a quarter batch and at most
 * {@link #MAX_BATCHES} batches.
 */
@Component
class QueueHeadroom {

    static final double SAFETY = 2.0;
    /** The signal's delay (one per second and project) and a cycle thread's start. */
    static final double SIGNAL_SECONDS = 1.0;
    static final int MAX_BATCHES = 4;

    private final LabelQueries labels;
    private final Map<Long, Long> lastCycleNanos = new ConcurrentHashMap<>();

    QueueHeadroom(LabelQueries labels) {
        this.labels = labels;
    }

    /** The headroom of a cycle that has run for {@code elapsedNanos} so far, and the figures behind it. */
    Size size(long projectId, int batchSize, long elapsedNanos) {
        double rate = labels.recentHumanLabelRate(projectId);
        double cycleSeconds = Math.max(elapsedNanos, lastCycleNanos.getOrDefault(projectId, 0L)) / 1e9;
        long wanted = (long) Math.ceil(SAFETY * rate * (cycleSeconds + SIGNAL_SECONDS));
        int entries = (int) Math.clamp(wanted, Math.max(1, batchSize / 4), (long) MAX_BATCHES * batchSize);
        return new Size(entries, rate, cycleSeconds);
    }

    /** A whole cycle of the project took this long (lock to lock). */
    void cycleTook(long projectId, long nanos) {
        lastCycleNanos.put(projectId, nanos);
    }

    /** Entries behind the batch; the label rate (per second) and cycle time (seconds) it was sized for. */
    record Size(int entries, double labelsPerSecond, double cycleSeconds) {
    }
}
