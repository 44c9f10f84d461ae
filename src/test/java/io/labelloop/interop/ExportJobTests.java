package io.labelloop.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.export.internal.ExportJobs;
import io.labelloop.support.ApiTest;
import io.labelloop.support.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** A lead exports a large project as a job: progress, EXPORT_READY, a stored file that resumes with Range. */
class ExportJobTests extends ApiTest {

    @Autowired
    ExportJobs jobs;
    @Autowired
    JdbcClient jdbc;

    private long bigProject(int rows) {
        long p = api().post("/api/v1/projects", ADMIN, Map.of("name", "big-export", "taskType", "TABULAR",
                "labels", List.of("a", "b"))).json().get("id").asLong();
        StringBuilder csv = new StringBuilder("externalId,x,label\n");
        for (int i = 0; i < rows; i++) {
            csv.append("row-").append(i).append(',').append(i * 0.5).append(',').append(i % 2 == 0 ? "a" : "b").append('\n');
        }
        assertThat(api().postRaw("/api/v1/projects/" + p + "/items", ADMIN, "text/csv", csv.toString())
                .json().get("created").asInt()).isEqualTo(rows);
        return p;
    }

    private JsonNode awaitDone(long p, long job) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            JsonNode j = api().get("/api/v1/projects/" + p + "/exports/" + job, ADMIN).json();
            if (!j.get("state").asString().equals("RUNNING")) {
                return j;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("export job " + job + " still running");
    }

    @Test
    void shouldWriteAnExportJobAnnounceItAndServeItsFileResumablyWithRange() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            long p = bigProject(3000);
            assertThat(api().post("/api/v1/projects/" + p + "/webhooks", ADMIN, Map.of("url", receiver.url(),
                    "events", List.of("EXPORT_READY"), "secret", "export-secret")).status()).isEqualTo(201);

            var started = api().post("/api/v1/projects/" + p + "/exports", ADMIN, Map.of("format", "jsonl"));
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            assertThat(started.json().get("rowsTotal").asLong()).isEqualTo(3000);
            long job = started.json().get("id").asLong();
            JsonNode done = awaitDone(p, job);
            assertThat(done.get("state").asString()).isEqualTo("READY");
            assertThat(done.get("rowsDone").asLong()).isEqualTo(3000);
            assertThat(done.get("progress").asDouble()).isEqualTo(1.0);

            var full = api().get("/api/v1/projects/" + p + "/exports/" + job + "/file", ADMIN);
            assertThat(full.status()).isEqualTo(200);
            assertThat(full.body()).isEqualTo(api().get("/api/v1/projects/" + p + "/export?format=jsonl", ADMIN).body());
            assertThat(full.body().lines()).hasSize(3000);
            assertThat(done.get("bytes").asLong()).isEqualTo(full.bytes().length);

            var rest = api().send(api().request("/api/v1/projects/" + p + "/exports/" + job + "/file", ADMIN)
                    .header("Range", "bytes=1000-").GET());
            assertThat(rest.status()).isEqualTo(206);
            assertThat(rest.headers().firstValue("Content-Range").orElse("")).startsWith("bytes 1000-");
            assertThat(rest.bytes()).isEqualTo(Arrays.copyOfRange(full.bytes(), 1000, full.bytes().length));

            var posts = receiver.await(r -> "EXPORT_READY".equals(r.header("X-Labelloop-Event")), 1, Duration.ofSeconds(15));
            assertThat(posts).hasSize(1);
            assertThat(new String(posts.getFirst().body(), StandardCharsets.UTF_8)).contains("\"jobId\":" + job)
                    .contains("\"rows\":3000");
        }
    }

    @Test
    void shouldMarkAJobFailedWhenTheInstanceWritingItStopped() {
        long p = bigProject(10);
        long job = jdbc.sql("""
                insert into export_jobs (project_id, format, rows_total, created_at) values (?, 'csv', 10, now() - interval '1 minute')
                returning id""").param(p).query(Long.class).single();
        assertThat(jobs.markInterrupted()).isGreaterThanOrEqualTo(1);
        JsonNode j = api().get("/api/v1/projects/" + p + "/exports/" + job, ADMIN).json();
        assertThat(j.get("state").asString()).isEqualTo("FAILED");
        assertThat(j.get("error").asString()).contains("interrupted");
        assertThat(api().get("/api/v1/projects/" + p + "/exports/" + job + "/file", ADMIN).status()).isEqualTo(409);
        assertThat(api().get("/api/v1/projects/" + p + "/exports/999999", ADMIN).status()).isEqualTo(404);
    }
}
