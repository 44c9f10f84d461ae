package io.labelloop.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.support.ApiTest;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class UserAndTokenTests extends ApiTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void shouldBootstrapTheAdminWithTheConfiguredTokenAndPassword() {
        var me = api().get("/api/v1/users/me", ADMIN);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("username").asString()).isEqualTo("admin");
        assertThat(me.json().get("role").asString()).isEqualTo("ADMIN");
    }

    @Test
    void shouldShowATokenOnceAndStoreOnlyItsHash() {
        userWithToken("LEAD", "tokenowner");
        var issued = api().post("/api/v1/users/tokenowner/tokens", ADMIN, Map.of("name", "ci"));
        String token = issued.json().get("token").asString();

        var listed = api().get("/api/v1/users/tokenowner/tokens", ADMIN);

        assertThat(listed.body()).doesNotContain(token);
        assertThat(listed.json().findValuesAsString("name")).contains("ci");
        long stored = jdbc.sql("select count(*) from api_tokens where token_hash = ?").param(token).query(Long.class).single();
        assertThat(stored).as("the plain token is not stored").isZero();
    }

    @Test
    void shouldHashPasswordsWithArgon2() {
        userWithToken("ANNOTATOR", "hashcheck");
        String hash = jdbc.sql("select password_hash from users where username = 'hashcheck'").query(String.class).single();
        assertThat(hash).startsWith("{argon2}").doesNotContain("password-123");
    }

    @Test
    void shouldStopAcceptingATokenOnceRevoked() {
        userWithToken("LEAD", "revoker");
        var issued = api().post("/api/v1/users/revoker/tokens", ADMIN, Map.of("name", "old")).json();
        String token = issued.get("token").asString();
        assertThat(api().get("/api/v1/users/me", token).status()).isEqualTo(200);

        var revoked = api().delete("/api/v1/users/revoker/tokens/" + issued.get("id").asLong(), token);

        assertThat(revoked.status()).isEqualTo(204);
        assertThat(api().get("/api/v1/users/me", token).status()).isEqualTo(401);
        assertThat(api().delete("/api/v1/users/revoker/tokens/999999", ADMIN).status()).isEqualTo(404);
    }

    @Test
    void shouldValidateNewUsers() {
        var weak = api().post("/api/v1/users", ADMIN, Map.of("username", "weak", "password", "short", "role", "LEAD"));
        var badRole = api().post("/api/v1/users", ADMIN, Map.of("username", "r", "password", "password-123", "role", "KING"));
        var badName = api().post("/api/v1/users", ADMIN, Map.of("username", "a b", "password", "password-123", "role", "LEAD"));
        api().post("/api/v1/users", ADMIN, Map.of("username", "twice", "password", "password-123", "role", "LEAD"));
        var twice = api().post("/api/v1/users", ADMIN, Map.of("username", "twice", "password", "password-123", "role", "LEAD"));

        assertThat(weak.status()).isEqualTo(422);
        assertThat(weak.json().get("errors").get(0).get("field").asString()).isEqualTo("password");
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(badName.status()).isEqualTo(422);
        assertThat(twice.status()).isEqualTo(409);
    }

    @Test
    void shouldSignInThroughTheCsrfProtectedLoginForm() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String base = "http://localhost:" + port;
        var page = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.ofString());
        var csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).as("the login page carries a CSRF token").isTrue();

        var withoutCsrf = browser.send(form(base, "username=admin&password=" + ADMIN_PASSWORD), HttpResponse.BodyHandlers.ofString());
        var wrongPassword = browser.send(form(base, "username=admin&password=wrong&_csrf=" + enc(csrf.group(1))),
                HttpResponse.BodyHandlers.ofString());
        var signedIn = browser.send(form(base, "username=admin&password=" + ADMIN_PASSWORD + "&_csrf=" + enc(csrf.group(1))),
                HttpResponse.BodyHandlers.ofString());

        assertThat(withoutCsrf.statusCode()).isEqualTo(403);
        assertThat(wrongPassword.headers().firstValue("Location").orElse("")).contains("/login?error");
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
        var home = browser.send(HttpRequest.newBuilder(URI.create(base + "/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("admin");
    }

    private static HttpRequest form(String base, String body) {
        return HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
