package io.labelloop.webhook.internal;

import io.labelloop.webhook.WebhookSettings;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Where a webhook may post (server-side request forgery): only {@code http} and {@code https} URLs with a host and
 * no user info; not to Spring Boot's management paths ({@code /actuator}) anywhere; and not to an address that is
 * link-local (169.254.0.0/16, fe80::/10: cloud metadata services), unspecified (0.0.0.0, ::), multicast, or
 * loopback (127.0.0.0/8, ::1; allowed only with {@code labelloop.webhooks.allow-loopback}), nor to any address
 * of this machine on a port this service listens on (its own API and admin endpoints). Every address the host
 * name resolves to is checked, when the hook is registered and again for each delivery, where the delivery connects
 * to the very addresses checked ({@link PinnedDnsResolver}: one resolution, no second one in between that a DNS
 * rebinding answer could change), and redirects are not followed. Private networks (10/8, 172.16/12,
 * 192.168/16, fc00::/7) are allowed: a self-hosted service's receivers usually live there.
 */
@Component
public class TargetGuard {

    private final WebhookSettings settings;
    private final Resolver resolver;
    private final Set<Integer> ownPorts = ConcurrentHashMap.newKeySet();

    /** Names to addresses: the system's resolver, or in tests one that answers differently each time. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    @Autowired
    TargetGuard(WebhookSettings settings) {
        this(settings, InetAddress::getAllByName);
    }

    TargetGuard(WebhookSettings settings, Resolver resolver) {
        this.settings = settings;
        this.resolver = resolver;
    }

    @EventListener
    void on(WebServerInitializedEvent event) {
        ownPorts.add(event.getWebServer().getPort());
    }

    /** Thrown with a sentence for the lead when a URL may not be a webhook target. */
    public static final class RefusedTarget extends Exception {
        RefusedTarget(String message) {
            super(message);
        }
    }

    /** The parsed URL when it may be posted to now; resolves the host and checks every address. */
    public URI check(String url) throws RefusedTarget {
        URI uri = checkUrl(url);
        addresses(uri.getHost(), port(uri));
        return uri;
    }

    /** The parsed URL when its form is allowed (scheme, host, no user info, no management path); resolves nothing. */
    URI checkUrl(String url) throws RefusedTarget {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new RefusedTarget("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedTarget("must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new RefusedTarget("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new RefusedTarget("must not contain a user name or password");
        }
        String path = uri.getPath() == null ? "" : uri.getPath().toLowerCase(Locale.ROOT);
        if (path.equals("/actuator") || path.startsWith("/actuator/")) {
            throw new RefusedTarget("must not point at management endpoints (/actuator)");
        }
        return uri;
    }

    static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /**
     * Resolves the host once and answers its addresses with the port when every one of them may be posted to
     * ({@code port} below 0: unknown, so no address of this machine that is not loopback passes).
     */
    List<InetSocketAddress> addresses(String host, int port) throws RefusedTarget {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            throw new RefusedTarget("names a host that does not resolve: " + host);
        }
        if (addresses == null || addresses.length == 0) {
            throw new RefusedTarget("names a host that does not resolve: " + host);
        }
        List<InetSocketAddress> out = new ArrayList<>(addresses.length);
        for (InetAddress address : addresses) {
            checkAddress(address, port);
            out.add(new InetSocketAddress(address, Math.max(port, 0)));
        }
        return out;
    }

    private void checkAddress(InetAddress address, int port) throws RefusedTarget {
        InetAddress a = unmapped(address);
        if (a.isLinkLocalAddress()) {
            throw new RefusedTarget("must not point at a link-local address (" + a.getHostAddress() + ")");
        }
        if (a.isAnyLocalAddress() || a.isMulticastAddress()) {
            throw new RefusedTarget("must not point at " + a.getHostAddress());
        }
        boolean own = a.isLoopbackAddress() || isOwnInterface(a);
        if (own && (ownPorts.contains(port) || port < 0 && !a.isLoopbackAddress())) {
            throw new RefusedTarget("must not point at this service itself (" + a.getHostAddress() + ":" + port + ")");
        }
        if (a.isLoopbackAddress() && !settings.allowLoopback()) {
            throw new RefusedTarget("must not point at a loopback address (" + a.getHostAddress() + ")");
        }
    }

    /** An IPv4-mapped IPv6 address (::ffff:a.b.c.d) as the IPv4 address it stands for. */
    private static InetAddress unmapped(InetAddress a) {
        if (a instanceof Inet6Address six) {
            byte[] b = six.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
                try {
                    return Inet4Address.getByAddress(new byte[]{b[12], b[13], b[14], b[15]});
                } catch (UnknownHostException e) {
                    return a;
                }
            }
        }
        return a;
    }

    private static boolean isOwnInterface(InetAddress a) {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress own : Collections.list(nic.getInetAddresses())) {
                    if (own.equals(a)) {
                        return true;
                    }
                }
            }
        } catch (SocketException e) {
            return false;
        }
        return false;
    }
}
