package io.labelloop.security.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The address a request is counted against. It is the connection's peer, or the client a trusted
 * proxy names in {@code X-Forwarded-For}: Tomcat's remote-IP valve
 * ({@code server.forward-headers-strategy=native}) trusts that header only from the addresses in
 * {@code server.tomcat.remoteip.internal-proxies} and takes the rightmost address not among them.
 * An IPv6 client counts by its /64 network, the block one subscriber is usually given, so that
 * rotating through its own addresses gains nothing.
 */
final class ClientAddress {

    private ClientAddress() {
    }

    static String of(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        if (address == null || address.indexOf(':') < 0) {
            return address == null ? "unknown" : address;
        }
        try {
            InetAddress parsed = InetAddress.getByName(address); // an address literal: no name lookup
            if (parsed instanceof Inet6Address) {
                byte[] network = Arrays.copyOf(parsed.getAddress(), 16);
                Arrays.fill(network, 8, 16, (byte) 0);
                return InetAddress.getByAddress(network).getHostAddress() + "/64";
            }
            return parsed.getHostAddress();
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
