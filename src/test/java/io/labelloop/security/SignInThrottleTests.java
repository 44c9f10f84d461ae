package io.labelloop.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.support.ApiTest;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Password guessing on the sign-in form is throttled per (account, address), per account and per
 * address, with the wait on the page; the real user's usual address stays open. The test context
 * sets the first wait to 2 s, 6 attempts per account and 10 per address; addresses come from a
 * trusted proxy's X-Forwarded-For (the tests connect from loopback, a trusted proxy by default).
 */
class SignInThrottleTests extends ApiTest {

    private static final String PASSWORD = "password-123";
    private static final Pattern WAIT = Pattern.compile("wait=(\\d+)");

    @Test
    void shouldMakeAnAddressWaitAfterFiveWrongPasswordsEvenForTheRightOneAndSayHowLong() throws Exception {
        String user = newUser();
        Browser attacker = new Browser("203.0.113.10");
        for (int i = 1; i <= 5; i++) {
            assertThat(attacker.signIn(user, "wrong-" + i)).as("failure %d", i).contains("/login?error");
        }

        String refused = attacker.signIn(user, PASSWORD);

        assertThat(refused).as("the right password waits too").contains("/login?wait=");
        long seconds = waitIn(refused);
        assertThat(seconds).isBetween(1L, 2L);
        assertThat(attacker.page(refused)).contains("Too many failed sign-ins. Wait " + seconds + " seconds, then try again.");
        Thread.sleep(seconds * 1000 + 200);
        assertThat(attacker.signIn(user, PASSWORD)).as("after the wait").isEqualTo("/");
    }

    @Test
    void shouldLetTheUserSignInFromAnotherAddressWhileOneAddressWaits() throws Exception {
        String user = newUser();
        Browser attacker = new Browser("203.0.113.11");
        for (int i = 1; i <= 5; i++) {
            attacker.signIn(user, "wrong-" + i);
        }
        assertThat(attacker.signIn(user, PASSWORD)).contains("/login?wait=");

        assertThat(new Browser("198.51.100.11").signIn(user, PASSWORD)).isEqualTo("/");
    }

    @Test
    void shouldSlowGuessesSpreadOverAddressesButNotLockTheUserOutOfTheirOwnAddress() throws Exception {
        String user = newUser();
        Browser home = new Browser("198.51.100.12");
        assertThat(home.signIn(user, PASSWORD)).isEqualTo("/");
        for (int i = 1; i <= 6; i++) {
            assertThat(new Browser("203.0.113." + (100 + i)).signIn(user, "wrong")).contains("/login?error");
        }

        assertThat(new Browser("203.0.113.120").signIn(user, PASSWORD)).as("a new address waits").contains("/login?wait=");
        assertThat(new Browser("198.51.100.12").signIn(user, PASSWORD)).as("the usual address does not").isEqualTo("/");
    }

    @Test
    void shouldMakeOneAddressThatTriesManyAccountsWait() throws Exception {
        String user = newUser();
        Browser sprayer = new Browser("203.0.113.13");
        for (int i = 1; i <= 10; i++) {
            assertThat(sprayer.signIn("nobody-" + UUID.randomUUID(), "Summer2026!")).contains("/login?error");
        }

        assertThat(sprayer.signIn(user, PASSWORD)).contains("/login?wait=");
        assertThat(new Browser("198.51.100.13").signIn(user, PASSWORD)).isEqualTo("/");
    }

    private String newUser() {
        String name = "guess-" + UUID.randomUUID().toString().substring(0, 8);
        var created = api().post("/api/v1/users", ADMIN, Map.of("username", name, "password", PASSWORD, "role", "ANNOTATOR"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return name;
    }

    private static long waitIn(String location) {
        Matcher m = WAIT.matcher(location);
        assertThat(m.find()).as(location).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** A browser session behind a proxy that reports the given client address. */
    private final class Browser {

        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        private final String address;

        Browser(String address) {
            this.address = address;
        }

        /** Submits the sign-in form; returns where the browser is sent next. */
        String signIn(String username, String password) throws IOException, InterruptedException {
            Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page("/login"));
            assertThat(csrf.find()).isTrue();
            String form = "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(csrf.group(1));
            var r = http.send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(r.statusCode()).isEqualTo(302);
            URI location = URI.create(r.headers().firstValue("Location").orElseThrow());
            return location.getRawQuery() == null ? location.getRawPath() : location.getRawPath() + "?" + location.getRawQuery();
        }

        String page(String pathAndQuery) throws IOException, InterruptedException {
            return http.send(request(pathAndQuery).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        }

        private HttpRequest.Builder request(String pathAndQuery) {
            return HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                    .header("X-Forwarded-For", address);
        }

        private static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }
}
