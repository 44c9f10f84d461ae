package io.labelloop.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.support.ApiTest;
import io.labelloop.support.RawExchange;
import io.labelloop.support.RawExchange.Header;
import io.labelloop.support.RawExchange.Request;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests that used to get a 500 or the container's HTML page: each now gets an RFC 9457 problem
 * detail on /api with a status that says what is wrong, and stores nothing.
 */
class MalformedRequestTests extends ApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private long project;

    @BeforeEach
    void setUp() {
        project = project(ADMIN, "TEXT", "pos", "neg");
        var upload = api().postRaw("/api/v1/projects/" + project + "/items", ADMIN, "text/csv",
                "externalId,text,label\na,good fine,pos\nb,bad awful,neg\nc,good nice,pos\nd,bad grim,neg\n");
        assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
    }

    private RawExchange.Response send(String method, String target, String contentType, byte[] body, Header... extra) {
        List<Header> headers = new ArrayList<>(List.of(new Header("Authorization", "Bearer " + ADMIN)));
        if (contentType != null) {
            headers.add(new Header("Content-Type", contentType));
        }
        if (List.of(extra).stream().noneMatch(h -> h.name().equals("Transfer-Encoding"))) {
            headers.add(new Header("Content-Length", Integer.toString(body.length)));
        }
        headers.addAll(List.of(extra));
        return RawExchange.send(port, new Request(method, target.getBytes(StandardCharsets.ISO_8859_1), headers, body));
    }

    private static JsonNode problem(RawExchange.Response r, int status) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.header("Content-Type")).as(r.text()).startsWith("application/problem+json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("title").isString()).isTrue();
        return body;
    }

    private long items() {
        return api().get("/api/v1/projects/" + project + "/stats", ADMIN).json().get("items").asLong();
    }

    @Test
    void shouldAnswerAMultipartBodyWithoutBoundaryAsAnUnsupportedMediaType() {
        byte[] json = "{\"count\": 1}".getBytes(StandardCharsets.UTF_8);
        problem(send("POST", "/api/v1/projects/" + project + "/queue/claims", "multipart/form-data", json), 415);
        problem(send("POST", "/api/v1/projects/" + project + "/items", "multipart/form-data", json), 415);
        problem(send("POST", "/api/v1/projects", "multipart/form-data; boundary=x", "--x--".getBytes()), 415);
    }

    @Test
    void shouldRefuseACsvUploadWhoseHeaderCannotBeParsedAndStoreNothing() {
        long before = items();
        var r = api().postRaw("/api/v1/projects/" + project + "/items", ADMIN, "text/csv",
                "\"externalId\"x,text\nq1,hello\n");
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().get("detail").asString()).contains("CSV header");
        assertThat(items()).isEqualTo(before);
    }

    @Test
    void shouldNameThePredictionItemFieldThatHasTheWrongType() {
        api().post("/api/v1/projects/" + project + "/training-runs?wait=true", ADMIN, Map.of());
        String p = "/api/v1/projects/" + project + "/predictions";
        Map<String, String> fieldOf = Map.of(
                "[{\"externalId\": [\"q\"], \"text\": \"x\"}]", "[1].externalId",
                "[{\"externalId\": \"a\"}, {\"externalId\": {\"a\": 1}}]", "[2].externalId",
                "[{\"externalId\": \"a\", \"text\": [\"x\"]}]", "[1].text",
                "[{\"externalId\": \"a\", \"features\": \"x\"}]", "[1].features",
                "[{\"externalId\": \"a\", \"image\": false}]", "[1].image",
                "[5]", "[1]");
        fieldOf.forEach((body, field) -> {
            var r = api().postRaw(p, ADMIN, "application/json", body);
            assertThat(r.status()).as(body + " -> " + r).isEqualTo(422);
            assertThat(r.json().get("errors").get(0).get("field").asString()).as(body).isEqualTo(field);
        });
        var good = api().postRaw(p, ADMIN, "application/json", "[{\"externalId\": 7, \"text\": \"good fine\"}]");
        assertThat(good.status()).as(good.toString()).isEqualTo(200);
        assertThat(good.json().get(0).get("externalId").asString()).isEqualTo("7");
    }

    @Test
    void shouldAnswerEncodedNulSlashesAndBrokenEscapesInAnApiPathWithAProblem() {
        for (String bad : List.of("%00", "1%00", "..%2f", "..%2F1", "%2e%2e", "%zz", "%", "%c0%ae", "{id}", "a b", "\\", "..",
                ";jsessionid=x", "%ff")) {
            for (String target : List.of("/api/v1/projects/" + bad, "/api/v1/projects/" + project + "/items/" + bad,
                    "/api/v1/projects/" + project + "/items?limit=" + bad + "&after=" + bad)) {
                var r = send("GET", target, null, new byte[0]);
                assertThat(r.status()).as(target).isBetween(400, 404);
                problem(r, r.status());
            }
        }
        problem(send("GET", "/api/v1//projects", null, new byte[0]), 400);
    }

    @Test
    void shouldShowBrowsersAnHtmlPageForTheSameBrokenPaths() {
        for (String target : List.of("/projects/%00", "/projects/..%2f", "/projects/%zz")) {
            var r = send("GET", target, null, new byte[0], new Header("Accept", "text/html"));
            assertThat(r.status()).as(target).isEqualTo(400);
            assertThat(r.header("Content-Type")).as(target).startsWith("text/html");
        }
    }

    @Test
    void shouldAnswerHeadersTheServerCannotReadWithAProblem() {
        String p = "/api/v1/projects/" + project;
        problem(send("GET", p, null, new byte[0], new Header("Accept", "application/json;q=abc")), 400);
        problem(send("GET", p, null, new byte[0], new Header("X-Padding", "p".repeat(70_000))), 400);
        problem(send("POST", p + "/queue/claims", "application/*", "{}".getBytes()), 415);
        problem(send("POST", p + "/queue/claims", "application/json", "{}".getBytes(), new Header("Expect", "something")), 417);
        problem(send("GET", p, null, new byte[0], new Header("Content-Length", "abc")), 400);
        problem(send("GET", "/api/v1/nothing-here", null, new byte[0], new Header("Accept", "text/html")), 404);
    }

    @Test
    void shouldRefuseAChangeWhoseAnswerTheCallerWouldNotAcceptBeforeMakingIt() {
        long before = items();
        byte[] csv = "externalId,text\nh1,hello\n".getBytes(StandardCharsets.UTF_8);
        problem(send("POST", "/api/v1/projects/" + project + "/items", "text/csv", csv, new Header("Accept", "text/html")), 406);
        assertThat(items()).isEqualTo(before);
        var accepted = send("POST", "/api/v1/projects/" + project + "/items", "text/csv", csv,
                new Header("Accept", "text/html, application/*+json;q=0.5"));
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
        assertThat(items()).isEqualTo(before + 1);
    }

    @Test
    void shouldRefuseANulCharacterInAStoredNameAsABadRequestNamingTheField() {
        var project = api().postRaw("/api/v1/projects", ADMIN, "application/json",
                "{\"name\": \"a\\u0000b\", \"taskType\": \"TEXT\", \"labels\": [\"x\", \"y\"]}");
        var token = api().postRaw("/api/v1/users/admin/tokens", ADMIN, "application/json", "{\"name\": \"\\u0000\"}");
        var patch = api().send("/api/v1/projects/" + this.project, ADMIN, "PATCH", "application/json",
                java.net.http.HttpRequest.BodyPublishers.ofString("{\"labels\": [\"pos\", \"neg\", \"n\\u0000\"]}"));

        assertThat(project.status()).as(project.toString()).isEqualTo(400);
        assertThat(project.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
        assertThat(token.status()).as(token.toString()).isEqualTo(400);
        assertThat(patch.status()).as(patch.toString()).isEqualTo(400);
        assertThat(patch.json().get("detail").asString()).contains("NUL");
    }

    @Test
    void shouldRefuseAJsonBodyOverTheLimitWithA413AndStoreNothing() {
        long before = items();
        byte[] big = ("{\"externalId\": \"big\", \"text\": \"" + "x".repeat(1_200_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        problem(send("POST", "/api/v1/projects/" + project + "/stream", "application/json", big), 413);
        problem(send("POST", "/api/v1/projects/" + project + "/stream", "application/json", RawExchange.chunked(big),
                new Header("Transfer-Encoding", "chunked")), 413);
        assertThat(items()).isEqualTo(before);
    }

    @Test
    void shouldRejectJsonNestedTenThousandDeepAndStoreNothing() {
        long before = items();
        byte[] deep = ("[".repeat(10_000) + "]".repeat(10_000)).getBytes(StandardCharsets.UTF_8);
        byte[] deepItem = ("[{\"externalId\": \"deep\", \"text\": \"t\", \"metadata\": {\"m\": " + "[".repeat(10_000)
                + "]".repeat(10_000) + "}}]").getBytes(StandardCharsets.UTF_8);

        problem(send("POST", "/api/v1/projects/" + project + "/queue/claims", "application/json", deep), 400);
        problem(send("POST", "/api/v1/projects/" + project + "/items", "application/json", deepItem), 400);
        JsonNode stream = problem(send("POST", "/api/v1/projects/" + project + "/stream", "application/json", deepItem), 400);
        assertThat(stream.get("detail").asString()).contains("nesting depth");
        assertThat(items()).isEqualTo(before);
    }
}
