package io.labelloop.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.labelloop.support.WebhookReceiver;
import io.labelloop.webhook.WebhookSettings;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * DNS rebinding against webhook delivery: a name that answers an allowed address to the check and a forbidden one
 * to the connection. The delivery client asks the rule for addresses once per post and connects to exactly those,
 * over real HTTP to a receiver on 127.0.0.1, with a resolver in the test standing in for a hostile DNS server.
 */
class DnsRebindingTest {

    private static final String NAME = "hooks.rebinding.test";

    /** Answers the loopback receiver to the first {@code allowed} questions, the cloud metadata address after. */
    private static final class RebindingDns implements TargetGuard.Resolver {
        final AtomicInteger asked = new AtomicInteger();
        private final int allowed;

        RebindingDns(int allowed) {
            this.allowed = allowed;
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            if (!host.equals(NAME)) {
                throw new UnknownHostException(host);
            }
            byte[] address = asked.incrementAndGet() <= allowed ? new byte[]{127, 0, 0, 1}
                    : new byte[]{(byte) 169, (byte) 254, (byte) 169, (byte) 254};
            return new InetAddress[]{InetAddress.getByAddress(NAME, address)};
        }
    }

    private static TargetGuard guard(TargetGuard.Resolver dns, boolean allowLoopback) {
        return new TargetGuard(new WebhookSettings(true, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofHours(1),
                12, Duration.ofSeconds(5), 10, allowLoopback), dns);
    }

    private static URI hookOn(WebhookReceiver receiver) {
        return URI.create(receiver.url().replace("127.0.0.1", NAME));
    }

    @Test
    void shouldPostToTheAddressItCheckedWithTheNameAsHostWhenTheNameWouldResolveElsewhereNext() throws Exception {
        var dns = new RebindingDns(1);
        try (var receiver = new WebhookReceiver(); var poster = new WebhookPoster(guard(dns, true), Duration.ofSeconds(5), 4)) {
            URI hook = hookOn(receiver);
            int status = poster.post(hook, Map.of("X-Labelloop-Event", "MODEL_TRAINED"), "{}".getBytes(StandardCharsets.UTF_8));

            assertThat(status).isEqualTo(200);
            assertThat(dns.asked).as("one resolution per post: the one checked is the one connected to").hasValue(1);
            List<WebhookReceiver.Received> got = receiver.received();
            assertThat(got).hasSize(1);
            assertThat(got.getFirst().header("Host")).isEqualTo(NAME + ":" + hook.getPort());
            assertThat(got.getFirst().header("X-Labelloop-Event")).isEqualTo("MODEL_TRAINED");
        }
    }

    @Test
    void shouldRefuseThePostWithoutConnectingWhenTheNameNowResolvesToALinkLocalAddress() throws Exception {
        var dns = new RebindingDns(1);
        TargetGuard guard = guard(dns, true);
        try (var receiver = new WebhookReceiver(); var poster = new WebhookPoster(guard, Duration.ofSeconds(5), 4)) {
            URI hook = hookOn(receiver);
            guard.check(hook.toString()); // registration: the name answers the receiver's address
            assertThatThrownBy(() -> poster.post(hook, Map.of(), new byte[0]))
                    .isInstanceOf(PinnedDnsResolver.RefusedAddress.class).hasMessageContaining("link-local address (169.254.169.254)");
            assertThat(dns.asked).hasValue(2);
            assertThat(receiver.received()).isEmpty();
        }
    }

    @Test
    void shouldRefuseANameWithAnyForbiddenAddressAmongItsAnswers() throws Exception {
        TargetGuard.Resolver dns = host -> new InetAddress[]{InetAddress.getByAddress(host, new byte[]{10, 0, 0, 7}),
                InetAddress.getByAddress(host, new byte[]{127, 0, 0, 1})};
        try (var poster = new WebhookPoster(guard(dns, false), Duration.ofSeconds(5), 4)) {
            assertThatThrownBy(() -> poster.post(URI.create("http://" + NAME + ":9/hook"), Map.of(), new byte[0]))
                    .isInstanceOf(PinnedDnsResolver.RefusedAddress.class).hasMessageContaining("loopback");
        }
    }
}
