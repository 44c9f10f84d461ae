package io.labelloop.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.shared.fuzz.ApiOperations;
import io.labelloop.shared.fuzz.FuzzContext;
import io.labelloop.shared.fuzz.FuzzContext.Caller;
import io.labelloop.shared.fuzz.MalformedRequests;
import io.labelloop.shared.fuzz.MalformedRequests.Case;
import io.labelloop.support.ApiTest;
import io.labelloop.support.RawExchange;
import io.labelloop.support.RawExchange.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A seeded fuzz over every operation of the OpenAPI document: malformed bodies, types, encodings,
 * paths, queries and headers, sent by an admin, a lead, a member annotator and an outsider. No
 * answer may be a 5xx; every 4xx on {@code /api} is a problem detail; a rejected request stores
 * nothing. The seed ({@code -Dlabelloop.fuzz.seed}, default fixed) and the count
 * ({@code -Dlabelloop.fuzz.requests}, default 2,000) are printed; a failing request is printed and
 * its exact bytes saved under {@code target/malformed-request-fuzz/} ({@code nc localhost PORT < file}
 * replays it against a running service); the same seed gives the same requests.
 */
class MalformedRequestFuzzTests extends ApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long DEFAULT_SEED = 13_2026L;
    private static final int DEFAULT_REQUESTS = 2_000;
    private static final int MAX_REPORTED = 25;

    @Autowired
    JdbcClient jdbc;

    @Test
    void shouldAnswerEveryMalformedRequestWithAProblemAndNeverA5xx() {
        long seed = Long.getLong("labelloop.fuzz.seed", DEFAULT_SEED);
        int requests = Integer.getInteger("labelloop.fuzz.requests", DEFAULT_REQUESTS);
        FuzzContext context = context();
        JsonNode document = api().get("/v3/api-docs", null).json();
        var operations = ApiOperations.read(document);
        var generator = new MalformedRequests(document, operations, context);
        System.out.printf("MalformedRequestFuzz: seed %d, %d requests over %d operations%n", seed, requests, operations.size());

        Random random = new Random(seed);
        Map<String, List<String>> failures = new TreeMap<>();
        Map<String, Integer> statuses = new TreeMap<>();
        List<Long> counts = counts(context);
        long started = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            Case c = generator.next(random, i);
            Response r = RawExchange.send(port, c.request());
            statuses.merge(c.damage() + " " + r.status(), 1, Integer::sum);
            List<Long> after = counts(context);
            String problem = problemWith(r, c.request().targetText().startsWith("/api"), counts, after);
            counts = after;
            if (problem != null) {
                String kind = problem.replaceAll("\\d+", "N") + ", " + r.status() + " " + r.header("Content-Type") + " on " + c.damage();
                failures.computeIfAbsent(kind, k -> new ArrayList<>()).add(report(seed, c, r, problem));
            }
        }
        System.out.printf("MalformedRequestFuzz: %d requests in %.1f s; answers by damage and status: %s%n", requests,
                (System.nanoTime() - started) / 1e9, statuses);

        assertThat(failures).as("%d of %d malformed requests were answered wrongly (seed %d), %d kinds; one of each kind:%n%s",
                failures.values().stream().mapToInt(List::size).sum(), requests, seed, failures.size(), oneOfEach(failures))
                .isEmpty();
        assertStillServing(context);
    }

    private static String oneOfEach(Map<String, List<String>> failures) {
        return failures.entrySet().stream().limit(MAX_REPORTED)
                .map(e -> e.getValue().size() + " times: " + e.getKey() + "\n" + e.getValue().getFirst())
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    /**
     * What is wrong with the answer, or null: a 5xx, no answer, an /api error that is no problem
     * detail, or a rejected request after which the stored counts differ.
     */
    private static String problemWith(Response r, boolean api, List<Long> before, List<Long> after) {
        if (r.status() >= 400 && r.status() < 500 && !after.equals(before)) {
            return "a rejected request changed what is stored: counts " + before + " -> " + after;
        }
        if (r.status() == 0) {
            return "no HTTP answer (connection closed)";
        }
        if (r.status() >= 500) {
            return "a server error";
        }
        if (r.status() < 400 || !api) {
            return null;
        }
        if (!r.header("Content-Type").startsWith("application/problem+json")) {
            return "an /api error that is not application/problem+json";
        }
        try {
            JsonNode body = JSON.readTree(r.body());
            if (body.path("status").asInt() != r.status() || !body.path("title").isString()) {
                return "a problem detail without the answer's status and a title";
            }
        } catch (RuntimeException e) {
            return "a problem detail that is not JSON: " + e.getMessage();
        }
        return null;
    }

    private static String report(long seed, Case c, Response r, String problem) {
        Path saved = Path.of("target", "malformed-request-fuzz", "seed-" + seed + "-request-" + c.index() + ".http");
        try {
            Files.createDirectories(saved.getParent());
            Files.write(saved, RawExchange.wire(c.request()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String body = r.text();
        return String.format("#%d %s [%s] as %s: %s: %d %s %s%n  request (saved in %s):%n  %s", c.index(), c.operation(),
                c.damage(), c.caller().name(), problem, r.status(), r.header("Content-Type"),
                body.substring(0, Math.min(300, body.length())), saved, c.request().toString().replace("\n", "\n  "));
    }

    /** The number of projects, and the items and human labels of each fuzzed project: one query. */
    private List<Long> counts(FuzzContext context) {
        StringBuilder sql = new StringBuilder("select (select count(*) from projects)");
        List<Object> params = new ArrayList<>();
        for (long project : context.projects()) {
            sql.append(", (select count(*) from items where project_id = ?)")
                    .append(", (select count(*) from labels where project_id = ? and source = 'HUMAN')");
            params.add(project);
            params.add(project);
        }
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> {
            List<Long> counts = new ArrayList<>();
            for (int i = 1; i <= 1 + 2 * context.projects().size(); i++) {
                counts.add(rs.getLong(i));
            }
            return counts;
        }).single();
    }

    /** A TEXT and a TABULAR project with labeled items and a model, a lead and an annotator among their members. */
    private FuzzContext context() {
        String lead = userWithToken("LEAD");
        String annotator = userWithToken("ANNOTATOR");
        String outsider = userWithToken("ANNOTATOR");
        StringBuilder text = new StringBuilder("externalId,text,label\n");
        StringBuilder tabular = new StringBuilder("externalId,x,y,label\n");
        for (int i = 0; i < 40; i++) {
            boolean pos = i % 2 == 0;
            text.append("t").append(i).append(',').append(pos ? "great lovely fine day " : "awful bad grim night ").append(i)
                    .append(',').append(i < 30 ? (pos ? "pos" : "neg") : "").append('\n');
            tabular.append("r").append(i).append(',').append(pos ? i : -i).append(',').append(i % 7).append(',')
                    .append(i < 30 ? (pos ? "pos" : "neg") : "").append('\n');
        }
        List<Long> projects = List.of(seeded("TEXT", text, lead, annotator), seeded("TABULAR", tabular, lead, annotator));
        Map<Long, List<Long>> items = new java.util.HashMap<>();
        for (long p : projects) {
            items.put(p, api().get("/api/v1/projects/" + p + "/items?limit=50", ADMIN).json().valueStream()
                    .map(n -> n.get("id").asLong()).toList());
        }
        return new FuzzContext(List.of(new Caller("admin", ADMIN, 60), new Caller("lead member", lead, 10),
                new Caller("annotator member", annotator, 15), new Caller("annotator outsider", outsider, 15)),
                projects, items, List.of("pos", "neg"), List.of(usernameOf(annotator), usernameOf(outsider)));
    }

    private long seeded(String taskType, CharSequence csv, String lead, String annotator) {
        long id = project(ADMIN, taskType, "pos", "neg");
        for (String member : List.of(lead, annotator)) {
            assertThat(api().post("/api/v1/projects/" + id + "/members", ADMIN, Map.of("username", usernameOf(member))).status())
                    .isEqualTo(204);
        }
        var upload = api().postRaw("/api/v1/projects/" + id + "/items", ADMIN, "text/csv", csv.toString());
        assertThat(upload.json().get("created").asInt()).as(upload.toString()).isEqualTo(40);
        var trained = api().post("/api/v1/projects/" + id + "/training-runs?wait=true", ADMIN, Map.of());
        assertThat(trained.status()).as(trained.toString()).isEqualTo(200);
        return id;
    }

    private void assertStillServing(FuzzContext context) {
        long project = context.projects().getFirst();
        String annotator = context.callers().get(2).token();
        assertThat(api().get("/api/v1/projects/" + project, ADMIN).status()).isEqualTo(200);
        var claim = api().post("/api/v1/projects/" + project + "/queue/claims", annotator, Map.of("count", 1));
        assertThat(claim.status()).as(claim.toString()).isEqualTo(200);
        assertThat(api().get("/api/v1/projects/" + project + "/stats", annotator).status()).isEqualTo(200);
    }
}
