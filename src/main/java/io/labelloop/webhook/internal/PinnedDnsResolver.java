package io.labelloop.webhook.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The delivery client's only way from a name to addresses: the {@link TargetGuard} resolves the name once and checks
 * every address, and the client connects to exactly those. A DNS answer that changes between a check and the
 * connection (DNS rebinding: first a public address, then 169.254.169.254 or 127.0.0.1) cannot slip in, because
 * there is no second resolution. The request keeps the name for its Host header and for TLS (SNI and the
 * certificate's host name check).
 */
final class PinnedDnsResolver implements DnsResolver {

    /** A name whose addresses the rule refuses; the message says why. */
    static final class RefusedAddress extends UnknownHostException {
        RefusedAddress(String message) {
            super(message);
        }
    }

    private final TargetGuard guard;

    PinnedDnsResolver(TargetGuard guard) {
        this.guard = guard;
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        try {
            return guard.addresses(host, port);
        } catch (TargetGuard.RefusedTarget refused) {
            throw new RefusedAddress(refused.getMessage());
        }
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return resolve(host, -1).stream().map(InetSocketAddress::getAddress).toArray(InetAddress[]::new);
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }
}
