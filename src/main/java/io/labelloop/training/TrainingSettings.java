package io.labelloop.training;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The retrain-and-score job: how often it looks for due projects ({@code LABELLOOP_TRAINING_INTERVAL}),
 * whether it runs at all, and the sizes of the pool samples it keeps.
 */
@ConfigurationProperties("labelloop.training")
public record TrainingSettings(
        @DefaultValue("10s") Duration interval,
        @DefaultValue("true") boolean scheduleEnabled,
        @DefaultValue("1000") int stopSetSize,
        @DefaultValue("2000") int poolSampleSize,
        @DefaultValue("5") int committeeSize) {
}
