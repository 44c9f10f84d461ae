package io.labelloop.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.support.ApiTest;
import io.labelloop.support.BlockedBackends;
import io.labelloop.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The background job embeds each TEXT item once, resumes after a dead worker, and shares work without repeats. */
class EmbeddingJobTests extends ApiTest {

    @Autowired
    EmbeddingJob job;

    @Test
    void shouldEmbedEveryUploadedAndStreamedItemOnceAndReportReady() {
        long p = project(ADMIN, "TEXT", "pos", "neg");
        upload(p, 40);
        JsonNode before = embeddings(p);
        assertThat(before.get("state").asString()).isEqualTo("RUNNING");
        assertThat(before.get("done").asLong()).isZero();
        assertThat(before.get("total").asLong()).isEqualTo(40);

        assertThat(job.embedProject(p)).isEqualTo(40);

        JsonNode after = embeddings(p);
        assertThat(after.get("state").asString()).isEqualTo("READY");
        assertThat(after.get("done").asLong()).isEqualTo(40);
        assertThat(after.get("total").asLong()).isEqualTo(40);
        assertThat(after.get("itemsPerSecond").asDouble()).isPositive();
        assertThat(after.get("secondsLeft").asLong()).isZero();
        assertThat(after.get("model").asString()).contains("MiniLM");
        assertThat(job.embedProject(p)).as("nothing is embedded twice").isZero();

        var streamed = api().post("/api/v1/projects/" + p + "/stream", ADMIN, Map.of("externalId", "s-1", "text", "a new review"));
        assertThat(streamed.status()).as(streamed.toString()).isEqualTo(200);
        assertThat(embeddings(p).get("state").asString()).isEqualTo("RUNNING");
        assertThat(job.embedProject(p)).isEqualTo(1);
        assertThat(embeddings(p).get("total").asLong()).isEqualTo(41);
    }

    @Test
    void shouldEmbedTheBatchOfAWorkerThatDiedMidTransactionAgainAndNoItemTwice() throws Exception {
        long p = project(ADMIN, "TEXT", "pos", "neg");
        upload(p, 30);
        TestDatabase.Target db = TestDatabase.get();
        // The executor is closed last: if anything below fails, the blocker's lock goes first and the worker ends.
        try (var thread = Executors.newSingleThreadExecutor();
                Connection blocker = DriverManager.getConnection(db.url(), db.username(), db.password())) {
            blocker.setAutoCommit(false);
            // Hold the vectors table so that the worker stops inside its transaction, its batch claimed and encoded.
            blocker.createStatement().execute("lock table item_embeddings in exclusive mode");
            var worker = CompletableFuture.supplyAsync(() -> job.embedProject(p), thread);
            int victim = BlockedBackends.waitForOneWriting(blocker, "item_embeddings");
            blocker.createStatement().execute("select pg_terminate_backend(" + victim + ")");
            blocker.commit();
            try {
                worker.get(30, TimeUnit.SECONDS);
            } catch (Exception expected) {
                // the worker's connection is gone; nothing of its batch may have landed
            }
        }
        assertThat(embeddings(p).get("done").asLong()).isZero();
        assertThat(embeddings(p).get("total").asLong()).isEqualTo(30);

        assertThat(job.embedProject(p)).isEqualTo(30);
        assertThat(embeddings(p).get("state").asString()).isEqualTo("READY");
    }

    @Test
    void shouldShareAProjectBetweenTwoWorkersWithoutEncodingAnyItemTwice() throws Exception {
        long p = project(ADMIN, "TEXT", "pos", "neg");
        upload(p, 400);
        try (var pool = Executors.newFixedThreadPool(2)) {
            var a = CompletableFuture.supplyAsync(() -> job.embedProject(p), pool);
            var b = CompletableFuture.supplyAsync(() -> job.embedProject(p), pool);
            assertThat(a.get(120, TimeUnit.SECONDS) + b.get(120, TimeUnit.SECONDS)).isEqualTo(400);
            assertThat(a.get()).as("both workers took batches").isPositive();
            assertThat(b.get()).isPositive();
        }
        JsonNode status = embeddings(p);
        assertThat(status.get("state").asString()).isEqualTo("READY");
        assertThat(status.get("done").asLong()).isEqualTo(400);
    }

    @Test
    void shouldReportNoEmbeddingsForATabularProjectAndHideOthersProjects() {
        long p = project(ADMIN, "TABULAR", "a", "b");
        api().postRaw("/api/v1/projects/" + p + "/items", ADMIN, "text/csv", "externalId,x\nr1,1.0\nr2,2.0\n");
        assertThat(embeddings(p).get("state").asString()).isEqualTo("NONE");
        assertThat(job.embedProject(p)).isZero();

        long text = project(ADMIN, "TEXT", "pos", "neg");
        String outsider = userWithToken("LEAD");
        var hidden = api().get("/api/v1/projects/" + text + "/embeddings", outsider);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.contentType()).contains("application/problem+json");
    }

    private void upload(long p, int n) {
        StringBuilder csv = new StringBuilder("externalId,text\n");
        String[] words = {"fresh", "stale", "quick", "slow", "kind", "rude", "cheap", "costly"};
        for (int i = 0; i < n; i++) {
            csv.append("t-").append(i).append(",the ").append(words[i % words.length]).append(" service number ").append(i).append('\n');
        }
        var r = api().postRaw("/api/v1/projects/" + p + "/items", ADMIN, "text/csv", csv.toString());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    private JsonNode embeddings(long p) {
        var r = api().get("/api/v1/projects/" + p + "/embeddings", ADMIN);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }
}
