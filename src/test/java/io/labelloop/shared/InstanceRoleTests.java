package io.labelloop.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.LabelloopApplication;
import io.labelloop.embedding.EmbeddingSettings;
import io.labelloop.support.Api;
import io.labelloop.support.ApiTest;
import io.labelloop.support.TestDatabase;
import io.labelloop.training.TrainingSettings;
import io.labelloop.webhook.WebhookSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code LABELLOOP_ROLE}: an {@code api} instance serves users and runs no scheduled cycles, a {@code worker}
 * runs them and answers nothing but {@code /actuator}. Each test starts a second instance on the shared database
 * next to the suite's one (whose scheduler is off), with a short tick.
 */
class InstanceRoleTests extends ApiTest {

    @Test
    void shouldRunNoScheduledCyclesOnAnApiInstanceWhileServingUsers() throws Exception {
        long p = irisProjectDueForACycle();
        try (ConfigurableApplicationContext api = instance("--labelloop.role=api")) {
            Thread.sleep(4000); // twenty ticks, each of which would train the project (the worker test trains it at the first)
            assertThat(api.getBean(TrainingSettings.class).scheduleEnabled()).isFalse();
            assertThat(api.getBean(EmbeddingSettings.class).scheduleEnabled()).isFalse();
            assertThat(api.getBean(WebhookSettings.class).scheduleEnabled()).isFalse();
            var stats = new Api(port(api)).get("/api/v1/projects/" + p + "/stats", ADMIN);
            assertThat(stats.status()).as(stats.toString()).isEqualTo(200);
        }
        assertThat(api().get("/api/v1/projects/" + p + "/models", ADMIN).json().size())
                .as("no model trained by the api instance").isZero();
    }

    @Test
    void shouldRunScheduledCyclesOnAWorkerInstanceAndAnswerOnlyHealthAndMetrics() throws Exception {
        long p = irisProjectDueForACycle();
        // the suite's other tests share this database: their embeddings and webhooks stay with the suite's instance
        try (ConfigurableApplicationContext worker = instance("--labelloop.role=worker",
                "--labelloop.embedding.schedule-enabled=false", "--labelloop.webhooks.schedule-enabled=false")) {
            Api workerApi = new Api(port(worker));
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (api().get("/api/v1/projects/" + p + "/models", ADMIN).json().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(api().get("/api/v1/projects/" + p + "/models", ADMIN).json().size())
                    .as("the worker's scheduled cycle trained a model").isGreaterThanOrEqualTo(1);
            assertThat(worker.getBean(TrainingSettings.class).scheduleEnabled()).isTrue();

            var refused = workerApi.get("/api/v1/projects/" + p, ADMIN);
            assertThat(refused.status()).isEqualTo(404);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body()).contains("LABELLOOP_ROLE=worker");
            assertThat(workerApi.get("/login", null).status()).isEqualTo(404);
            assertThat(workerApi.get("/actuator/health/readiness", null).status()).isEqualTo(200);
            assertThat(workerApi.get("/actuator/health/liveness", null).status()).isEqualTo(200);
            assertThat(workerApi.get("/actuator/prometheus", null).status()).isEqualTo(200);
        }
    }

    private static ConfigurableApplicationContext instance(String... settings) {
        TestDatabase.Target db = TestDatabase.get();
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.username(), "--spring.datasource.password=" + db.password(),
                "--labelloop.training.interval=200ms"));
        args.addAll(List.of(settings));
        return new SpringApplicationBuilder(LabelloopApplication.class).run(args.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }
}
