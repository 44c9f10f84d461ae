package io.labelloop.security.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on guessing passwords and API tokens ({@code labelloop.security.throttle.*}, e.g.
 * {@code LABELLOOP_SECURITY_THROTTLE_MAX_WAIT=5m}). Each count allows its number of failures for
 * free; every further failure doubles the wait, starting at {@code firstWait}, up to {@code maxWait}.
 *
 * @param attemptsPerAccountAndAddress failed sign-ins to one account from one address
 * @param attemptsPerAccount failed sign-ins to one account from all addresses it has not signed in from before
 * @param attemptsPerAddress failed sign-ins from one address to any accounts it has not signed in to before
 * @param badTokensPerAddress API calls with an invalid token from one address (reset by a valid one)
 * @param trustedFor how long a successful sign-in exempts its (account, address) from the per-account
 *         and per-address counts, so that guesses from elsewhere never lock a user out of their usual address
 * @param maxTracked keys each count remembers at most (memory stays bounded under a flood of new names)
 */
@ConfigurationProperties("labelloop.security.throttle")
record ThrottleSettings(
        @DefaultValue("5") int attemptsPerAccountAndAddress,
        @DefaultValue("20") int attemptsPerAccount,
        @DefaultValue("50") int attemptsPerAddress,
        @DefaultValue("20") int badTokensPerAddress,
        @DefaultValue("1s") Duration firstWait,
        @DefaultValue("15m") Duration maxWait,
        @DefaultValue("30d") Duration trustedFor,
        @DefaultValue("20000") int maxTracked) {
}
