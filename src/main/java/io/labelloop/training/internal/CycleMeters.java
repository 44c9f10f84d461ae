package io.labelloop.training.internal;

import io.labelloop.training.internal.RetrainCycle.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Cycles for Prometheus: {@code labelloop_cycles_total} by outcome, and {@code labelloop_cycle_phase_seconds} by
 * phase for each cycle that trained a model (the phases {@link PhaseTimer} logs and stores with the version: a
 * fixed set of names, so the tag stays bounded). No project tag: series would grow with the projects.
 */
@Component
class CycleMeters {

    private final MeterRegistry registry;
    private final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);

    CycleMeters(MeterRegistry registry) {
        this.registry = registry;
        for (Outcome o : Outcome.values()) {
            outcomes.put(o, Counter.builder("labelloop.cycles").tag("outcome", o.name().toLowerCase(Locale.ROOT))
                    .description("Retrain-and-score cycles run on this instance, by outcome").register(registry));
        }
    }

    void ended(Outcome outcome) {
        outcomes.get(outcome).increment();
    }

    void phases(PhaseTimer timer) {
        timer.millis().forEach((phase, millis) -> Timer.builder("labelloop.cycle.phase").tag("phase", phase)
                .description("Time a cycle that trained a model spent in each phase").register(registry)
                .record(millis, TimeUnit.MILLISECONDS));
    }
}
