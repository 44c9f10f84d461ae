package io.labelloop.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.shared.fuzz.ApiOperations;
import io.labelloop.shared.fuzz.ApiOperations.Operation;
import io.labelloop.shared.fuzz.FuzzContext;
import io.labelloop.shared.fuzz.JsonBodies;
import io.labelloop.support.Api.Response;
import io.labelloop.support.ApiTest;
import io.labelloop.support.RawExchange;
import io.labelloop.support.RawExchange.Header;
import io.labelloop.support.RawExchange.Request;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Each role against each endpoint: who may see, steer and upload to a project. Whether a project
 * exists is no business of those who may not see it: a non-member gets exactly the answer an
 * unknown id gets, on every project-scoped operation of the OpenAPI document and every page,
 * while a member whose role is not enough still learns that it is refused (403).
 */
class AccessControlTests extends ApiTest {

    private static final long MISSING = 987_654_321L;

    private String leadMember;
    private String leadOutsider;
    private String annotatorMember;
    private String annotatorOutsider;
    private long project;
    private long item;

    @BeforeEach
    void setUp() {
        leadMember = userWithToken("LEAD");
        leadOutsider = userWithToken("LEAD");
        annotatorMember = userWithToken("ANNOTATOR");
        annotatorOutsider = userWithToken("ANNOTATOR");
        project = project(leadMember, "TEXT", "ham", "spam");
        var added = api().post("/api/v1/projects/" + project + "/members", leadMember,
                Map.of("username", usernameOf(annotatorMember)));
        assertThat(added.status()).isEqualTo(204);
        api().postRaw("/api/v1/projects/" + project + "/items", leadMember, "text/csv", "externalId,text\nm1,hello\n");
        item = api().get("/api/v1/projects/" + project + "/items", leadMember).json().get(0).get("id").asLong();
    }

    private Map<String, Function<String, Response>> endpoints() {
        String p = "/api/v1/projects/" + project;
        Map<String, Function<String, Response>> e = new LinkedHashMap<>();
        e.put("create project", t -> api().post("/api/v1/projects", t,
                Map.of("name", "n", "taskType", "TEXT", "labels", List.of("a", "b"))));
        e.put("read project", t -> api().get(p, t));
        e.put("change settings", t -> api().patch(p, t, Map.of("batchSize", 10)));
        e.put("upload", t -> api().postRaw(p + "/items", t, "text/csv", "externalId,text\nx-" + System.nanoTime() + ",hi\n"));
        e.put("read stats", t -> api().get(p + "/stats", t));
        e.put("read item", t -> api().get(p + "/items/" + item, t));
        e.put("list members", t -> api().get(p + "/members", t));
        e.put("add member", t -> api().post(p + "/members", t, Map.of("username", usernameOf(annotatorOutsider))));
        e.put("create user", t -> api().post("/api/v1/users", t,
                Map.of("username", "u" + System.nanoTime(), "password", "password-123", "role", "ANNOTATOR")));
        e.put("token for another user", t -> api().post("/api/v1/users/admin/tokens", t, Map.of("name", "x")));
        return e;
    }

    private Map<String, Integer> statuses(String token) {
        Map<String, Integer> out = new LinkedHashMap<>();
        endpoints().forEach((name, call) -> out.put(name, call.apply(token).status()));
        return out;
    }

    private static Map<String, Integer> expect(int... codes) {
        String[] names = {"create project", "read project", "change settings", "upload", "read stats", "read item",
                "list members", "add member", "create user", "token for another user"};
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            m.put(names[i], codes[i]);
        }
        return m;
    }

    @Test
    void shouldLetAnAdminDoEverything() {
        assertThat(statuses(ADMIN)).isEqualTo(expect(201, 200, 200, 200, 200, 200, 200, 204, 201, 201));
    }

    @Test
    void shouldLetALeadSteerItsOwnProjectsButNotManageUsers() {
        assertThat(statuses(leadMember)).isEqualTo(expect(201, 200, 200, 200, 200, 200, 200, 204, 403, 403));
    }

    @Test
    void shouldKeepALeadOutOfProjectsItIsNotAMemberOf() {
        assertThat(statuses(leadOutsider)).isEqualTo(expect(201, 404, 404, 404, 404, 404, 404, 404, 403, 403));
    }

    @Test
    void shouldLetAnAnnotatorReadItsProjectsButNotChangeOrUpload() {
        assertThat(statuses(annotatorMember)).isEqualTo(expect(403, 200, 403, 403, 200, 200, 200, 403, 403, 403));
    }

    @Test
    void shouldHideProjectsFromAnAnnotatorWhoIsNoMember() {
        assertThat(statuses(annotatorOutsider)).isEqualTo(expect(403, 404, 404, 404, 404, 404, 404, 404, 403, 403));
    }

    @Test
    void shouldAnswer401WithoutAValidToken() {
        for (String token : new String[] {null, "not-a-token", ""}) {
            statuses(token).forEach((name, status) -> assertThat(status).as(name).isEqualTo(401));
        }
        var r = api().get("/api/v1/projects", "nope");
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void shouldListOnlyTheProjectsACallerIsMemberOf() {
        assertThat(projectIds(leadMember)).contains(project);
        assertThat(projectIds(annotatorMember)).contains(project);
        assertThat(projectIds(ADMIN)).contains(project);
        assertThat(projectIds(leadOutsider)).doesNotContain(project);
        assertThat(projectIds(annotatorOutsider)).doesNotContain(project);
    }

    private List<Long> projectIds(String token) {
        return api().get("/api/v1/projects", token).json().valueStream().map(n -> n.get("id").asLong()).toList();
    }

    @Test
    void shouldLetEveryUserManageTheirOwnTokens() {
        String name = usernameOf(annotatorOutsider);
        var created = api().post("/api/v1/users/" + name + "/tokens", annotatorOutsider, Map.of("name", "laptop"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(api().get("/api/v1/users/me", created.json().get("token").asString()).status()).isEqualTo(200);
    }

    /**
     * Claims and labels read the project and the caller's membership from a short cache; changes made
     * through this instance must still count from the next call on, not after the cache time.
     */
    @Test
    void shouldApplyMembershipAndSettingsChangesToTheVeryNextCall() {
        String p = "/api/v1/projects/" + project;
        String newcomer = userWithToken("ANNOTATOR");
        assertThat(api().post(p + "/queue/claims", newcomer, Map.of("count", 1)).status()).isEqualTo(404);

        assertThat(api().post(p + "/members", leadMember, Map.of("username", usernameOf(newcomer))).status()).isEqualTo(204);
        var claim = api().post(p + "/queue/claims", newcomer, Map.of("count", 1));
        assertThat(claim.status()).isEqualTo(200);
        assertThat(claim.json().get("items")).hasSize(1);

        assertThat(api().delete(p + "/members/" + usernameOf(newcomer), leadMember).status()).isEqualTo(204);
        assertThat(api().post(p + "/queue/claims", newcomer, Map.of("count", 1)).status()).isEqualTo(404);

        assertThat(api().post(p + "/queue/claims", annotatorMember, Map.of("count", 1)).status()).isEqualTo(200);
        assertThat(api().patch(p, leadMember, Map.of("stopped", true)).status()).isEqualTo(200);
        var stopped = api().post(p + "/queue/claims", annotatorMember, Map.of("count", 1)).json();
        assertThat(stopped.get("items")).isEmpty();
        assertThat(stopped.get("reason").asString()).isEqualTo("STOPPED");
    }

    @Test
    void shouldAnswerANonMemberAsIfTheProjectDidNotExistOnEveryApiEndpoint() {
        JsonNode document = api().get("/v3/api-docs", null).json();
        List<Operation> scoped = ApiOperations.read(document).stream().filter(op -> op.path().contains("{id}")).toList();
        assertThat(scoped).hasSizeGreaterThan(20);
        List<String> differences = new ArrayList<>();
        for (Operation op : scoped) {
            for (String outsider : List.of(leadOutsider, annotatorOutsider)) {
                Request request = request(document, op, project, outsider);
                RawExchange.Response existing = RawExchange.send(port, request);
                RawExchange.Response missing = RawExchange.send(port, request(document, op, MISSING, outsider));
                String seen = existing.status() + " " + anonymized(existing.text(), project);
                String unknown = missing.status() + " " + anonymized(missing.text(), MISSING);
                if (existing.status() != 404 || !seen.equals(unknown)) {
                    differences.add(op + " as " + (outsider.equals(leadOutsider) ? "lead" : "annotator") + ": existing project "
                            + seen + " / missing project " + unknown);
                }
            }
        }
        assertThat(differences).as("endpoints that tell an outsider a project exists").isEmpty();
        assertThat(api().get("/api/v1/projects/" + project, leadMember).status()).as("nothing was deleted").isEqualTo(200);
    }

    @Test
    void shouldShowANonMemberTheSamePageForAnExistingProjectAsForAMissingOne() throws Exception {
        HttpClient browser = signedIn(usernameOf(annotatorOutsider));
        for (String page : List.of("", "/label", "/label/progress", "/settings", "/members", "/upload", "/export",
                "/items/" + item + "/image")) {
            var existing = browser.send(get("/projects/" + project + page), HttpResponse.BodyHandlers.ofString());
            var missing = browser.send(get("/projects/" + MISSING + page), HttpResponse.BodyHandlers.ofString());
            assertThat(existing.statusCode()).as(page).isEqualTo(404);
            assertThat(anonymized(existing.body(), project)).as(page).isEqualTo(anonymized(missing.body(), MISSING));
        }
    }

    /** The answer without what differs by nature: the project's id and the page's CSRF token. */
    private static String anonymized(String answer, long projectId) {
        return answer.replaceAll("(projects/|project )" + projectId + "\\b", "$1{id}")
                .replaceAll("name=\"csrf-token\" content=\"[^\"]*\"", "")
                .replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "");
    }

    private Request request(JsonNode document, Operation op, long projectId, String token) {
        String path = op.path().replace("{id}", Long.toString(projectId)).replace("{itemId}", Long.toString(item))
                .replace("{username}", usernameOf(annotatorMember)).replaceAll("\\{[A-Za-z]+}", "1");
        FuzzContext context = new FuzzContext(List.of(), List.of(projectId), Map.of(), List.of("ham", "spam"), List.of());
        byte[] body = op.bodyTypes().isEmpty() ? new byte[0]
                : new JsonBodies(document).baseline(new Random(op.hashCode()), op.bodySchema(), context).toString()
                        .getBytes(StandardCharsets.UTF_8);
        return new Request(op.method(), path.getBytes(StandardCharsets.US_ASCII), List.of(
                new Header("Authorization", "Bearer " + token), new Header("Content-Type", "application/json"),
                new Header("Content-Length", Integer.toString(body.length))), body);
    }

    private HttpClient signedIn(String username) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        var login = browser.send(get("/login"), HttpResponse.BodyHandlers.ofString());
        var csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(login.body());
        assertThat(csrf.find()).isTrue();
        String form = "username=" + username + "&password=password-123&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        var signedIn = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
        return browser;
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", "text/html").build();
    }
}
