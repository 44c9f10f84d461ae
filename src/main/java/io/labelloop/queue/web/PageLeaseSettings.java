package io.labelloop.queue.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The labeling page's leases ({@code LABELLOOP_LABELING_PAGE_LEASE_DURATION}, {@code ..._IDLE_AFTER}):
 * how long one lasts (the page renews it at a third of that while open), and after how long without
 * a key press or pointer move the page hands its items back.
 */
@ConfigurationProperties("labelloop.labeling.page-lease")
record PageLeaseSettings(@DefaultValue("90s") Duration duration, @DefaultValue("5m") Duration idleAfter) {

    long heartbeatSeconds() {
        return Math.max(1, duration.toSeconds() / 3);
    }
}
