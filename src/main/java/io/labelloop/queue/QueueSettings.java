package io.labelloop.queue;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How long a claim holds an item ({@code LABELLOOP_QUEUE_LEASE_DURATION}, default 10 minutes). */
@ConfigurationProperties("labelloop.queue")
public record QueueSettings(@DefaultValue("10m") Duration leaseDuration, @DefaultValue("100") int maxClaim) {
}
