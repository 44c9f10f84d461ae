package io.labelloop.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.LabelloopApplication;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that use the service as its users do: the whole application on a random
 * port against a real PostgreSQL, called over HTTP. All subclasses share one application context.
 */
@SpringBootTest(classes = LabelloopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "labelloop.admin.token=" + ApiTest.ADMIN,
                "labelloop.admin.password=" + ApiTest.ADMIN_PASSWORD,
                "labelloop.upload.max-body-size=4MB",
                "labelloop.api.max-json-body-size=1MB",
                "labelloop.upload.max-image-size=64KB",
                "labelloop.upload.max-reported-rejections=50",
                "labelloop.training.schedule-enabled=false",
                // tests embed their own projects (EmbeddingJob.embedProject), not every test's items in the background
                "labelloop.embedding.schedule-enabled=false",
                // short windows, so that the throttle and slow-body tests wait seconds, not minutes
                "labelloop.upload.body-rate-window=2s",
                "labelloop.security.throttle.first-wait=2s",
                "labelloop.security.throttle.attempts-per-account=6",
                "labelloop.security.throttle.attempts-per-address=10",
                // webhook tests post to a receiver on this machine, and retry quickly
                "labelloop.webhooks.allow-loopback=true",
                "labelloop.webhooks.poll-interval=100ms",
                "labelloop.webhooks.first-retry-delay=300ms"
        })
public abstract class ApiTest {

    public static final String ADMIN = "test-admin-token";
    public static final String ADMIN_PASSWORD = "test-admin-password";

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.Target db = TestDatabase.get();
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::username);
        registry.add("spring.datasource.password", db::password);
    }

    protected Api api() {
        return new Api(port);
    }

    /** A fresh user with the given role; returns an API token of that user. */
    protected String userWithToken(String role) {
        return userWithToken(role, role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    protected String userWithToken(String role, String username) {
        var created = api().post("/api/v1/users", ADMIN, Map.of("username", username, "password", "password-123", "role", role));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        var token = api().post("/api/v1/users/" + username + "/tokens", ADMIN, Map.of("name", "test"));
        assertThat(token.status()).as(token.toString()).isEqualTo(201);
        return token.json().get("token").asString();
    }

    /** Creates a project as the given caller and returns its id. */
    protected long project(String token, String taskType, String... labels) {
        var r = api().post("/api/v1/projects", token, Map.of("name", "p-" + UUID.randomUUID(), "taskType", taskType,
                "labels", labels.length > 0 ? java.util.List.of(labels) : java.util.List.of("pos", "neg")));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    /** Typed calls on the project's API as the admin ({@link ProjectApi#as} for another caller). */
    protected ProjectApi projectApi(long project) {
        return new ProjectApi(api(), project, ADMIN);
    }

    /**
     * A TABULAR project of the 150 unlabeled iris rows (batch size 10, retrain every 10, no holdout; {@code extra}
     * settings replace these), created by the admin; the upload's 150 rows asserted.
     */
    protected ProjectApi irisProject(Datasets.Oracle iris, Map<String, ?> extra) {
        Map<String, Object> settings = new java.util.HashMap<>(Map.of("name", "iris", "taskType", "TABULAR",
                "labels", iris.labels(), "batchSize", 10, "retrainEvery", 10, "holdoutFraction", 0));
        settings.putAll(extra);
        ProjectApi project = ProjectApi.create(api(), ADMIN, settings);
        var upload = project.uploadCsv(iris.unlabeledCsv());
        assertThat(upload.json().get("created").asLong()).as(upload.toString()).isEqualTo(150);
        return project;
    }

    /** An iris project (TABULAR, no holdout) with every fifth item labeled: due for its first cycle. */
    protected long irisProjectDueForACycle() {
        var iris = Datasets.tabular("/learning/iris.csv");
        long p = project(ADMIN, "TABULAR", iris.labels().toArray(String[]::new));
        api().postRaw("/api/v1/projects/" + p + "/items", ADMIN, "text/csv", iris.unlabeledCsv());
        api().patch("/api/v1/projects/" + p, ADMIN, Map.of("holdoutFraction", 0));
        var items = api().get("/api/v1/projects/" + p + "/items?limit=150", ADMIN).json();
        for (int i = 0; i < items.size(); i += 5) {
            var item = items.get(i);
            api().post("/api/v1/projects/" + p + "/items/" + item.get("id").asLong() + "/labels", ADMIN,
                    Map.of("label", iris.truth().get(item.get("externalId").asString())));
        }
        return p;
    }

    /** Trains now ({@code training-runs?wait=true}): 200 with the new version, or 409 when labels do not allow one. */
    protected void trainNow(long project) {
        var run = api().post("/api/v1/projects/" + project + "/training-runs?wait=true", ADMIN, Map.of());
        assertThat(run.status()).as(run.toString()).isIn(200, 409);
    }

    /** The project's latest model version as {@code GET .../models} lists it. */
    protected tools.jackson.databind.JsonNode latestModel(long project) {
        tools.jackson.databind.JsonNode models = api().get("/api/v1/projects/" + project + "/models", ADMIN).json();
        return models.get(models.size() - 1);
    }

    protected String usernameOf(String token) {
        return api().get("/api/v1/users/me", token).json().get("username").asString();
    }
}
