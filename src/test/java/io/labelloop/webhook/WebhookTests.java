package io.labelloop.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.annotation.LabelSubmission;
import io.labelloop.project.ProjectAccess;
import io.labelloop.shared.JdbcTransactions;
import io.labelloop.support.ApiTest;
import io.labelloop.support.WebhookReceiver;
import io.labelloop.support.WebhookReceiver.Received;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A lead registers a receiver and is told of what happens, signed, after the change committed, again after the
 * receiver failed, never for a change that rolled back, and still after the instance that took a delivery died.
 */
class WebhookTests extends ApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Autowired
    JdbcTransactions transactions;
    @Autowired
    LabelSubmission labels;
    @Autowired
    ProjectAccess projects;
    @Autowired
    JdbcClient jdbc;

    private long labeledProject(Integer budget) {
        var body = new java.util.HashMap<String, Object>(Map.of("name", "hooks", "taskType", "TABULAR",
                "labels", List.of("a", "b"), "holdoutFraction", 0));
        body.put("budget", budget);
        long id = api().post("/api/v1/projects", ADMIN, body).json().get("id").asLong();
        StringBuilder csv = new StringBuilder("externalId,x,label\n");
        for (int i = 0; i < 30; i++) {
            csv.append("e").append(i).append(',').append(i % 2 == 0 ? i : -i).append(',')
                    .append(i < 10 ? (i % 2 == 0 ? "a" : "b") : "").append('\n');
        }
        assertThat(api().postRaw("/api/v1/projects/" + id + "/items", ADMIN, "text/csv", csv.toString()).status()).isEqualTo(200);
        return id;
    }

    private long hook(long project, String url, String secret, String... events) {
        var r = api().post("/api/v1/projects/" + project + "/webhooks", ADMIN,
                Map.of("url", url, "events", List.of(events), "secret", secret));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    private static boolean is(Received r, String event) {
        return event.equals(r.header("X-Labelloop-Event"));
    }

    private long itemId(long project, String externalId) {
        return jdbc.sql("select id from items where project_id = ? and external_id = ?").params(project, externalId)
                .query(Long.class).single();
    }

    private JsonNode deliveries(long project, long hook) {
        return api().get("/api/v1/projects/" + project + "/webhooks/" + hook + "/deliveries", ADMIN).json();
    }

    @Test
    void shouldPostASignedModelTrainedEventWhenANewModelIsStored() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            long p = labeledProject(null);
            long hook = hook(p, receiver.url(), "s3cret-value", "MODEL_TRAINED");
            assertThat(api().post("/api/v1/projects/" + p + "/training-runs?wait=true", ADMIN, Map.of()).status()).isEqualTo(200);

            List<Received> posts = receiver.await(r -> is(r, "MODEL_TRAINED"), 1, WAIT);
            assertThat(posts).hasSize(1);
            Received post = posts.getFirst();
            assertThat(post.header("X-Labelloop-Signature")).isEqualTo(hmac("s3cret-value", post.body()));
            JsonNode body = JSON.readTree(post.body());
            assertThat(body.get("projectId").asLong()).isEqualTo(p);
            assertThat(body.get("data").get("version").asInt()).isEqualTo(1);
            assertThat(body.get("data").get("labelCount").asInt()).isEqualTo(10);

            JsonNode log = deliveries(p, hook);
            assertThat(log.get(0).get("state").asString()).isEqualTo("DELIVERED");
            assertThat(log.get(0).get("lastStatus").asInt()).isEqualTo(200);
        }
    }

    @Test
    void shouldRetryWithBackoffWhenTheReceiverAnswers500() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver().answering(500, 500)) {
            long p = labeledProject(null);
            long hook = hook(p, receiver.url(), "another-secret", "MODEL_TRAINED");
            api().post("/api/v1/projects/" + p + "/training-runs?wait=true", ADMIN, Map.of());

            List<Received> posts = receiver.await(r -> is(r, "MODEL_TRAINED"), 3, WAIT);
            assertThat(posts).hasSize(3);
            assertThat(posts.get(2).text()).isEqualTo(posts.get(0).text());
            JsonNode log = deliveries(p, hook);
            assertThat(log.get(0).get("state").asString()).isEqualTo("DELIVERED");
            assertThat(log.get(0).get("attempts").asInt()).isEqualTo(3);
        }
    }

    @Test
    void shouldTellOfEachHumanLabelButNeverOfALabelWhoseTransactionRolledBack() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            long p = labeledProject(null);
            hook(p, receiver.url(), "labels-secret", "ITEM_LABELED");
            long adminId = api().get("/api/v1/users/me", ADMIN).json().get("id").asLong();
            var project = projects.get(p);
            long rolledBack = itemId(p, "e20");
            transactions.required().executeWithoutResult(status -> {
                labels.submit(project, rolledBack, adminId, "a");
                status.setRollbackOnly();
            });
            assertThat(api().get("/api/v1/projects/" + p + "/items/" + rolledBack, ADMIN).body()).doesNotContain("\"HUMAN\"");
            long kept = itemId(p, "e21");
            assertThat(api().post("/api/v1/projects/" + p + "/items/" + kept + "/labels", ADMIN, Map.of("label", "b"))
                    .status()).isEqualTo(201);

            List<Received> posts = receiver.await(r -> is(r, "ITEM_LABELED"), 1, WAIT);
            Thread.sleep(500); // a delivery of the rolled-back label would have come by now
            List<JsonNode> items = receiver.received().stream().filter(r -> is(r, "ITEM_LABELED"))
                    .flatMap(r -> JSON.readTree(r.body()).get("items").valueStream()).toList();
            assertThat(posts).isNotEmpty();
            assertThat(items).extracting(i -> i.get("externalId").asString()).containsExactly("e21");
            assertThat(items.getFirst().get("label").asString()).isEqualTo("b");
            assertThat(items.getFirst().get("annotator").asString()).isEqualTo("admin");
        }
    }

    @Test
    void shouldDeliverWhatAnInstanceThatDiedHadTakenOnceItsLeaseRunsOut() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            long p = labeledProject(null);
            long hook = hook(p, receiver.url(), "restart-secret", "MODEL_TRAINED");
            // as a killed instance leaves a row it had leased: one attempt counted, due again when its lease ends
            jdbc.sql("""
                    insert into webhook_outbox (webhook_id, event, data, attempts, last_attempt_at, next_attempt_at)
                    values (?, 'MODEL_TRAINED', '{"version": 7}', 1, now(), now() + interval '1 second')""")
                    .param(hook).update();

            List<Received> posts = receiver.await(r -> is(r, "MODEL_TRAINED"), 1, WAIT);
            assertThat(posts).hasSize(1);
            assertThat(JSON.readTree(posts.getFirst().body()).get("data").get("version").asInt()).isEqualTo(7);
            assertThat(deliveries(p, hook).get(0).get("attempts").asInt()).isEqualTo(2);
        }
    }

    @Test
    void shouldTellWhenTheLastLabelOfTheBudgetIsUsed() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            long p = labeledProject(2);
            hook(p, receiver.url(), "budget-secret", "BUDGET_EXHAUSTED");
            for (String e : List.of("e12", "e13")) {
                assertThat(api().post("/api/v1/projects/" + p + "/items/" + itemId(p, e) + "/labels", ADMIN,
                        Map.of("label", "a")).status()).isEqualTo(201);
            }
            List<Received> posts = receiver.await(r -> is(r, "BUDGET_EXHAUSTED"), 1, WAIT);
            assertThat(posts).hasSize(1);
            assertThat(JSON.readTree(posts.getFirst().body()).get("data").get("budget").asInt()).isEqualTo(2);
        }
    }

    @Test
    void shouldRefuseUrlsThatAreNotHttpOrPointAtLinkLocalAddressesOrAtTheServiceItself() {
        long p = labeledProject(null);
        Map<String, String> refused = Map.of(
                "ftp://example.org/x", "http or https",
                "http://169.254.169.254/latest/meta-data", "link-local",
                "http://[fe80::1]/hook", "link-local",
                "http://127.0.0.1:" + port + "/api/v1/projects", "this service itself",
                "http://localhost:" + port + "/api/v1/users", "this service itself",
                "http://example.org/actuator/health", "/actuator",
                "http://user:pw@example.org/hook", "user name",
                "http://0.0.0.0:9/hook", "0.0.0.0",
                "not a url at all", "valid URL");
        refused.forEach((url, reason) -> {
            var r = api().post("/api/v1/projects/" + p + "/webhooks", ADMIN, Map.of("url", url, "events", List.of("MODEL_TRAINED")));
            assertThat(r.status()).as(url).isEqualTo(422);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.body()).as(url).contains(reason);
        });
        var unknownEvent = api().post("/api/v1/projects/" + p + "/webhooks", ADMIN,
                Map.of("url", "http://127.0.0.1:9/x", "events", List.of("ITEM_DELETED")));
        assertThat(unknownEvent.status()).isEqualTo(422);
        assertThat(api().get("/api/v1/projects/" + p + "/webhooks", ADMIN).json().size()).isZero();
    }

    @Test
    void shouldLetOnlyLeadsRegisterHooksAndGenerateASecretShownOnce() {
        long p = labeledProject(null);
        var r = api().post("/api/v1/projects/" + p + "/webhooks", ADMIN,
                Map.of("url", "http://127.0.0.1:9/x", "events", List.of("MODEL_TRAINED")));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("secret").asString()).hasSize(48);
        assertThat(api().get("/api/v1/projects/" + p + "/webhooks", ADMIN).body()).doesNotContain(r.json().get("secret").asString());
        String annotator = userWithToken("ANNOTATOR");
        api().post("/api/v1/projects/" + p + "/members", ADMIN, Map.of("username", usernameOf(annotator)));
        assertThat(api().post("/api/v1/projects/" + p + "/webhooks", annotator,
                Map.of("url", "http://127.0.0.1:9/x", "events", List.of("MODEL_TRAINED"))).status()).isEqualTo(403);
        assertThat(api().delete("/api/v1/projects/" + p + "/webhooks/" + r.json().get("id").asLong(), ADMIN).status()).isEqualTo(204);
    }
}
