package io.labelloop.training;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The retrain-and-score job: how often it looks for due projects ({@code LABELLOOP_TRAINING_INTERVAL}),
 * whether it runs at all, the sizes of the pool samples it keeps, and how much heap the models kept in memory
 * may take ({@code LABELLOOP_MODEL_CACHE_SIZE}; a model not in memory is read back from the database when needed).
 */
@ConfigurationProperties("labelloop.training")
public record TrainingSettings(
        @DefaultValue("10s") Duration interval,
        @DefaultValue("true") boolean scheduleEnabled,
        @DefaultValue("1000") int stopSetSize,
        @DefaultValue("2000") int poolSampleSize,
        @DefaultValue("5") int committeeSize,
        @DefaultValue("128MB") DataSize modelCacheSize) {
}
