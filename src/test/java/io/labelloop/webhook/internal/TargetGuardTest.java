package io.labelloop.webhook.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.labelloop.webhook.WebhookSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The default rule refuses loopback targets (the tests' receiver needs {@code allow-loopback}); IPv4-mapped too. */
class TargetGuardTest {

    private static TargetGuard guard(boolean allowLoopback) {
        return new TargetGuard(new WebhookSettings(true, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofHours(1),
                12, Duration.ofSeconds(10), 100, allowLoopback));
    }

    @Test
    void shouldRefuseLoopbackByDefaultAndAllowItWhenConfigured() {
        assertThatThrownBy(() -> guard(false).check("http://127.0.0.1:8089/hook")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> guard(false).check("http://[::1]:8089/hook")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> guard(false).check("http://[::ffff:169.254.169.254]/x")).hasMessageContaining("link-local");
        assertThatCode(() -> guard(true).check("http://127.0.0.1:8089/hook")).doesNotThrowAnyException();
    }

    @Test
    void shouldDoubleTheRetryDelayUpToItsCap() {
        WebhookSettings s = new WebhookSettings(true, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(1),
                12, Duration.ofSeconds(10), 100, false);
        org.assertj.core.api.Assertions.assertThat(s.retryDelay(1)).isEqualTo(Duration.ofSeconds(10));
        org.assertj.core.api.Assertions.assertThat(s.retryDelay(3)).isEqualTo(Duration.ofSeconds(40));
        org.assertj.core.api.Assertions.assertThat(s.retryDelay(9)).isEqualTo(Duration.ofMinutes(1));
    }
}
