package io.labelloop.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.support.ApiTest;
import org.junit.jupiter.api.Test;

/** What operators and integrators rely on: the OpenAPI document, Swagger UI, health probes and metrics. */
class ServiceEndpointsTests extends ApiTest {

    @Test
    void shouldServeAnOpenApiDocumentWithTheContractsPaths() {
        var r = api().get("/v3/api-docs", null);

        assertThat(r.status()).isEqualTo(200);
        var paths = r.json().get("paths");
        assertThat(paths.has("/api/v1/projects")).isTrue();
        assertThat(paths.has("/api/v1/projects/{id}")).isTrue();
        assertThat(paths.get("/api/v1/projects/{id}").has("patch")).isTrue();
        assertThat(paths.has("/api/v1/projects/{id}/stats")).isTrue();
        assertThat(paths.has("/api/v1/projects/{id}/items")).isTrue();
        assertThat(paths.get("/api/v1/projects/{id}/items").get("post").get("requestBody").get("content").has("text/csv")).isTrue();
        assertThat(paths.has("/api/v1/projects/{id}/items/{itemId}")).isTrue();
        assertThat(paths.has("/api/v1/users")).isTrue();
        assertThat(paths.has("/api/v1/projects/{id}/members")).isTrue();
        assertThat(paths.has("/api/v1/users/{username}/tokens")).isTrue();
        assertThat(paths.has("/api/v1/users/{username}/tokens/{tokenId}")).isTrue();
        assertThat(r.json().get("components").get("securitySchemes").has("bearer")).isTrue();
    }

    @Test
    void shouldServeSwaggerUi() {
        var r = api().get("/swagger-ui/index.html", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("swagger");
    }

    @Test
    void shouldReportReadinessAndPrometheusMetrics() {
        var ready = api().get("/actuator/health/readiness", null);
        var live = api().get("/actuator/health/liveness", null);
        var metrics = api().get("/actuator/prometheus", null);

        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("status").asString()).isEqualTo("UP");
        assertThat(live.status()).isEqualTo(200);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes", "http_server_requests");
    }

    @Test
    void shouldAnswerUnknownApiPathsWithAProblemDetail() {
        var r = api().get("/api/v1/nothing-here", ApiTest.ADMIN);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }
}
