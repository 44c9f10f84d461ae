package io.labelloop.webhook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook delivery ({@code LABELLOOP_WEBHOOKS_*}): whether this instance runs the delivery worker, how often it
 * looks for due deliveries, the first retry delay (doubled after each failure up to {@code maxRetryDelay}), how many
 * attempts before a delivery is marked FAILED, the time one post may take, and whether hooks may point at loopback
 * addresses (off by default; tests and single-machine setups turn it on).
 */
@ConfigurationProperties("labelloop.webhooks")
public record WebhookSettings(
        @DefaultValue("true") boolean scheduleEnabled,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("10s") Duration firstRetryDelay,
        @DefaultValue("1h") Duration maxRetryDelay,
        @DefaultValue("12") int maxAttempts,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("100") int batchSize,
        @DefaultValue("false") boolean allowLoopback) {

    /** Delay before attempt {@code attempts + 1}: first * 2^(attempts - 1), capped. */
    public Duration retryDelay(int attempts) {
        long factor = 1L << Math.min(30, Math.max(0, attempts - 1));
        Duration d = firstRetryDelay.multipliedBy(factor);
        return d.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : d;
    }
}
