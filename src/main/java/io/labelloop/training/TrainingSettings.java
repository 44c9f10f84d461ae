package io.labelloop.training;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The retrain-and-score job: how often it looks for due projects ({@code LABELLOOP_TRAINING_INTERVAL}),
 * whether it runs at all, the sizes of the pool samples it keeps, and how much heap the models kept in memory
 * may take ({@code LABELLOOP_MODEL_CACHE_SIZE}; a model not in memory is read back from the database when needed).
 * {@code candidates}: the most pool items one cycle scores (a larger pool is scored a rotating uniform window at a
 * time, {@link io.labelloop.learning.CandidateWindow}; 0 scores the whole pool every cycle). While a label was given
 * on this database within {@code busyAfterLabel}, a cycle uses at most {@code busyShare} of the cores.
 * Label-error detection runs with a scheduled cycle once the labels grew by {@code labelErrorsGrowth} (a share of
 * those at its last run) and by at least {@code labelErrorsMinLabels}, and with every cycle a lead asks for.
 */
@ConfigurationProperties("labelloop.training")
public record TrainingSettings(
        @DefaultValue("10s") Duration interval,
        @DefaultValue("true") boolean scheduleEnabled,
        @DefaultValue("1000") int stopSetSize,
        @DefaultValue("2000") int poolSampleSize,
        @DefaultValue("5") int committeeSize,
        @DefaultValue("128MB") DataSize modelCacheSize,
        @DefaultValue("20000") int candidates,
        @DefaultValue("0.5") double busyShare,
        @DefaultValue("5s") Duration busyAfterLabel,
        @DefaultValue("0.2") double labelErrorsGrowth,
        @DefaultValue("100") int labelErrorsMinLabels) {
}
