package io.labelloop.security.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Limits password guessing on the sign-in form, checked before the password is hashed so that a
 * refused guess costs no Argon2 work. Three counts, each with exponential backoff
 * ({@link FailureBackoff}): one account from one address (the attacker who guesses one user's
 * password); one account from anywhere (guesses spread over many addresses); one address against
 * any accounts (one address spraying a common password over many users). A successful sign-in
 * clears its (account, address) count and makes that pair trusted for a while: a trusted pair is
 * held only to its own count, so guesses from other addresses, however many, slow down strangers
 * but never lock the real user out of the address they sign in from. The waits stop at
 * {@code maxWait}, so even the real user's own mistyping never locks them out for long.
 */
@Component
class SignInThrottle {

    private final FailureBackoff pairs;
    private final FailureBackoff accounts;
    private final FailureBackoff addresses;
    private final Cache<String, Boolean> trusted;

    SignInThrottle(ThrottleSettings settings) {
        Duration first = settings.firstWait();
        Duration max = settings.maxWait();
        this.pairs = new FailureBackoff(settings.attemptsPerAccountAndAddress(), first, max, settings.maxTracked());
        this.accounts = new FailureBackoff(settings.attemptsPerAccount(), first, max, settings.maxTracked());
        this.addresses = new FailureBackoff(settings.attemptsPerAddress(), first, max, settings.maxTracked());
        this.trusted = Caffeine.newBuilder().maximumSize(settings.maxTracked()).expireAfterWrite(settings.trustedFor()).build();
    }

    /** How long this attempt must wait before it may be checked; zero when it may be checked now. */
    Duration waitBefore(String username, String address) {
        String account = account(username);
        String pair = pair(account, address);
        Duration own = pairs.remaining(pair);
        if (trusted.getIfPresent(pair) != null) {
            return own;
        }
        return Stream.of(own, accounts.remaining(account), addresses.remaining(address))
                .max(Duration::compareTo).orElseThrow();
    }

    void failed(String username, String address) {
        String account = account(username);
        pairs.fail(pair(account, address));
        accounts.fail(account);
        addresses.fail(address);
    }

    void succeeded(String username, String address) {
        String pair = pair(account(username), address);
        pairs.reset(pair);
        trusted.put(pair, Boolean.TRUE);
    }

    /** Usernames are counted case-insensitively and cut short, so that a key's size is bounded. */
    private static String account(String username) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        return name.length() > 100 ? name.substring(0, 100) : name;
    }

    private static String pair(String account, String address) {
        return account + '\n' + address;
    }
}
