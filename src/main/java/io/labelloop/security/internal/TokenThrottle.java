package io.labelloop.security.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Limits requests with invalid API tokens per client address. Guessing a 256-bit token is hopeless;
 * what the limit stops is a flood of lookups from an address that has no valid token (a scanner,
 * or a client still sending a revoked one), checked before the lookup. A valid token from the
 * address clears its count: whoever holds one can load the service with valid calls anyway. A token
 * that was valid recently passes even while its address waits, so a misbehaving client behind the
 * same address does not lock out a working one; a token first seen while its address waits gets the
 * same 429 as a guess, since telling them apart would take the lookup the limit saves.
 */
@Component
class TokenThrottle {

    private final FailureBackoff addresses;
    private final Cache<String, Boolean> recentlyValid;

    TokenThrottle(ThrottleSettings settings) {
        this.addresses = new FailureBackoff(settings.badTokensPerAddress(), settings.firstWait(), settings.maxWait(),
                settings.maxTracked());
        this.recentlyValid = Caffeine.newBuilder().maximumSize(settings.maxTracked())
                .expireAfterWrite(settings.trustedFor()).build();
    }

    /** How long a request from the address must wait before its token is looked up; zero when it may be now. */
    Duration waitBefore(String address, String tokenHash) {
        return recentlyValid.getIfPresent(tokenHash) != null ? Duration.ZERO : addresses.remaining(address);
    }

    void failed(String address) {
        addresses.fail(address);
    }

    void succeeded(String address, String tokenHash) {
        addresses.reset(address);
        recentlyValid.put(tokenHash, Boolean.TRUE);
    }
}
