package io.labelloop.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.support.Api.Response;
import io.labelloop.support.ApiTest;
import org.junit.jupiter.api.Test;

/** An address that sends too many invalid API tokens gets 429 with Retry-After; valid tokens keep working. */
class TokenThrottleTests extends ApiTest {

    private static final int FREE = 20; // labelloop.security.throttle.bad-tokens-per-address

    @Test
    void shouldAnswer429WithRetryAfterToAnAddressThatSentTooManyInvalidTokens() {
        String valid = userWithToken("ANNOTATOR");
        String scanner = "203.0.113.30";
        assertThat(me(valid, scanner).status()).isEqualTo(200);
        for (int i = 0; i < FREE; i++) {
            assertThat(me("ll_guess-" + i, scanner).status()).as("guess %d", i).isEqualTo(401);
        }

        Response refused = me("ll_guess-more", scanner);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asString()).contains("invalid API tokens");
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 2L);
        assertThat(me("ll_guess-elsewhere", "198.51.100.30").status()).as("another address").isEqualTo(401);
        assertThat(me(valid, scanner).status()).as("a valid token from the same address").isEqualTo(200);
    }

    @Test
    void shouldCountInvalidTokensAgainFromZeroAfterAValidOne() {
        String valid = userWithToken("ANNOTATOR");
        String client = "203.0.113.31";
        for (int i = 0; i < FREE - 1; i++) {
            me("ll_revoked-" + i, client);
        }

        assertThat(me(valid, client).status()).isEqualTo(200);
        for (int i = 0; i < FREE; i++) {
            assertThat(me("ll_revoked-again-" + i, client).status()).as("again %d", i).isEqualTo(401);
        }
        assertThat(me("ll_one-too-many", client).status()).isEqualTo(429);
    }

    private Response me(String token, String address) {
        return api().send(api().request("/api/v1/users/me", token).header("X-Forwarded-For", address).GET());
    }
}
