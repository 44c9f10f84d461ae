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
 * on this instance within {@code busyAfterLabel}, a cycle uses at most {@code busyShare} of the cores.
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
        @DefaultValue("5s") Duration busyAfterLabel) {
}
