package io.labelloop.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.support.Api.Response;
import io.labelloop.support.ApiTest;
import io.labelloop.support.Datasets;
import io.labelloop.support.Datasets.Oracle;
import io.labelloop.training.internal.RetrainCycle;
import io.labelloop.training.internal.TrainingScheduler;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Labels flow in, models retrain, the queue reorders: the loop as a user drives it over HTTP. Claims are tested in
 * {@code queue.ClaimTests}, label posts in {@code annotation.LabelPostTests}.
 */
class LearningLoopTests extends ApiTest {

    @Autowired
    TrainingScheduler scheduler;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    private final Oracle iris = Datasets.tabular("/learning/iris.csv");

    private long irisProject(Map<String, Object> extra) {
        return irisProject(iris, extra).id();
    }

    private Response claim(long project, String token, int count) {
        return projectApi(project).as(token).claim(count);
    }

    /** Claims and labels n items with their true labels; returns how many were labeled. */
    private int labelByOracle(long project, String token, int n) {
        return projectApi(project).as(token).labelByOracle(n, iris.truth());
    }

    private JsonNode stats(long project) {
        return projectApi(project).stats();
    }

    @Test
    void shouldServeADiverseColdStartSampleBeforeTheFirstModel() {
        long p = irisProject(Map.of());

        scheduler.runDue(p);
        JsonNode items = claim(p, ADMIN, 10).json().get("items");

        assertThat(items.size()).isEqualTo(10);
        assertThat(items.findValuesAsString("reason")).containsOnly("COLD_START");
        assertThat(items.get(0).get("prediction").isNull()).isTrue();
        long classesCovered = items.valueStream().map(i -> iris.truth().get(i.get("externalId").asString())).distinct().count();
        assertThat(classesCovered).as("a diverse seed reaches every iris class").isEqualTo(3);
    }

    @Test
    void shouldTrainEvaluateAndRequeueOnceEnoughLabelsArrive() {
        long p = irisProject(Map.of());
        scheduler.runDue(p);
        assertThat(labelByOracle(p, ADMIN, 20)).isEqualTo(20);

        assertThat(scheduler.runDue(p)).isGreaterThanOrEqualTo(1);

        var models = api().get("/api/v1/projects/" + p + "/models", ADMIN).json();
        assertThat(models.size()).isEqualTo(1);
        var v1 = models.get(0);
        assertThat(v1.get("version").asInt()).isEqualTo(1);
        assertThat(v1.get("labelCount").asInt()).isEqualTo(20);
        assertThat(v1.get("metrics").get("method").asString()).isEqualTo("CROSS_VALIDATION");
        assertThat(v1.get("metrics").get("accuracy").asDouble()).isGreaterThan(0.7);
        assertThat(v1.get("itemsScored").asLong()).isEqualTo(130);
        var s = stats(p);
        assertThat(s.get("modelVersion").asInt()).isEqualTo(1);
        assertThat(s.get("accuracy").asDouble()).isGreaterThan(0.7);
        assertThat(s.get("humanLabeled").asLong()).isEqualTo(20);
        JsonNode next = claim(p, ADMIN, 3).json().get("items");
        assertThat(next.get(0).get("prediction").get("probabilities").size()).isEqualTo(3);
        assertThat(next.get(0).get("reason").asString()).isIn("STRATEGY", "EXPLORATION");
        long labeledId = jdbc.sql("select item_id from labels where project_id = ? limit 1").param(p).query(Long.class).single();
        var labeledItem = api().get("/api/v1/projects/" + p + "/items/" + labeledId, ADMIN).json();
        assertThat(labeledItem.get("labels").get(0).get("source").asString()).isEqualTo("HUMAN");
        assertThat(labeledItem.get("labels").get(0).get("annotator").asString()).isEqualTo("admin");
        var unlabeled = api().get("/api/v1/projects/" + p + "/items/" + next.get(0).get("itemId").asLong(), ADMIN).json();
        assertThat(unlabeled.get("prediction").get("modelVersion").asInt()).isEqualTo(1);
        assertThat(unlabeled.get("prediction").get("label").asString()).isIn(iris.labels());
    }

    @Test
    void shouldDoNothingWhenNothingChanged() {
        long p = irisProject(Map.of());
        scheduler.runDue(p);
        labelByOracle(p, ADMIN, 20);
        scheduler.runDue(p);
        int versionsBefore = api().get("/api/v1/projects/" + p + "/models", ADMIN).json().size();

        scheduler.runDue(p);
        scheduler.runDue(p);

        assertThat(api().get("/api/v1/projects/" + p + "/models", ADMIN).json().size()).isEqualTo(versionsBefore);
    }

    @Test
    void shouldRetrainAfterRetrainEveryNewLabels() {
        long p = irisProject(Map.of());
        scheduler.runDue(p);
        labelByOracle(p, ADMIN, 20);
        scheduler.runDue(p);
        labelByOracle(p, ADMIN, 9);
        scheduler.runDue(p);
        assertThat(stats(p).get("modelVersion").asInt()).as("9 new labels < retrainEvery 10").isEqualTo(1);

        labelByOracle(p, ADMIN, 1);
        scheduler.runDue(p);

        assertThat(stats(p).get("modelVersion").asInt()).isEqualTo(2);
    }

    @Test
    void shouldKeepThePreviousModelAndQueueWhenACycleFails() {
        long p = irisProject(Map.of());
        scheduler.runDue(p);
        labelByOracle(p, ADMIN, 20);
        scheduler.runDue(p);
        List<Long> queueBefore = jdbc.sql("select item_id from queue_entries where project_id = ? order by rank").param(p)
                .query(Long.class).list();
        labelByOracle(p, ADMIN, 10);
        jdbc.sql("update item_vectors set encoded = '\\x0102'::bytea where project_id = ? and item_id = ?")
                .params(p, queueBefore.getLast()).update();
        List<Long> queueAfterLabels = jdbc.sql("select item_id from queue_entries where project_id = ? order by rank").param(p)
                .query(Long.class).list();

        scheduler.runDue(p);

        assertThat(stats(p).get("modelVersion").asInt()).as("the failed cycle stored nothing").isEqualTo(1);
        assertThat(jdbc.sql("select item_id from queue_entries where project_id = ? order by rank").param(p)
                .query(Long.class).list()).isEqualTo(queueAfterLabels);
        assertThat(stats(p).get("humanLabeled").asLong()).as("no label lost").isEqualTo(30);
    }

    @Test
    void shouldAnswerTrainingRunsAndPredictions() throws Exception {
        long p = irisProject(Map.of());
        var tooFew = api().postRaw("/api/v1/projects/" + p + "/training-runs", ADMIN, "application/json", "");
        assertThat(tooFew.status()).isEqualTo(409);
        var noModel = api().post("/api/v1/projects/" + p + "/predictions", ADMIN, List.of(Map.of("externalId", "x",
                "features", Map.of("sepal_length", 5.0))));
        assertThat(noModel.status()).isEqualTo(409);
        scheduler.runDue(p);
        labelByOracle(p, ADMIN, 15);

        var waited = api().postRaw("/api/v1/projects/" + p + "/training-runs?wait=true", ADMIN, "application/json", "");
        assertThat(waited.status()).as(waited.toString()).isEqualTo(200);
        assertThat(waited.json().get("version").asInt()).isEqualTo(1);
        var queued = api().postRaw("/api/v1/projects/" + p + "/training-runs", ADMIN, "application/json", "");
        assertThat(queued.status()).isEqualTo(202);
        long runId = queued.json().get("runId").asLong();
        String status = "";
        for (int i = 0; i < 100 && !status.equals("TRAINED"); i++) {
            Thread.sleep(100);
            status = api().get("/api/v1/projects/" + p + "/training-runs/" + runId, ADMIN).json().get("status").asString();
        }
        assertThat(status).isEqualTo("TRAINED");

        var predicted = api().post("/api/v1/projects/" + p + "/predictions", ADMIN, List.of(
                Map.of("externalId", "small", "features", Map.of("sepal_length", 5.0, "sepal_width", 3.4,
                        "petal_length", 1.5, "petal_width", 0.2))));
        assertThat(predicted.status()).as(predicted.toString()).isEqualTo(200);
        assertThat(predicted.json().get(0).get("label").asString()).isEqualTo("setosa");
        assertThat(predicted.json().get(0).get("probabilities").size()).isEqualTo(3);
    }

    @Test
    void shouldDrawHoldoutItemsAtRandomAndKeepTheirLabelsOutOfTraining() {
        long p = irisProject(Map.of("holdoutFraction", 0.3));
        scheduler.runDue(p);
        labelByOracle(p, ADMIN, 20);
        scheduler.runDue(p);
        labelByOracle(p, ADMIN, 10);

        assertThat(stats(p).get("holdoutLabeled").asLong()).as("0.3 of 30 labels").isEqualTo(9);
        assertThat(jdbc.sql("select label_count from model_versions where project_id = ? and version = 1").param(p)
                .query(Integer.class).single()).as("20 labels, 6 of them holdout draws").isEqualTo(14);
        assertThat(jdbc.sql("select count(*) from queue_entries where project_id = ? and holdout and reason <> 'HOLDOUT'")
                .param(p).query(Long.class).single()).as("no ranked entry is a holdout draw").isZero();
    }

    @Test
    void shouldWriteACycleAgainWhenItLosesADeadlockWithAFallbackInsert() throws Exception {
        long p = irisProject(Map.of());
        scheduler.runDue(p);
        labelByOracle(p, ADMIN, 20);
        scheduler.runDue(p);
        labelByOracle(p, ADMIN, 10);
        long skipped = claim(p, ADMIN, 1).json().get("items").get(0).get("itemId").asLong();
        api().postRaw("/api/v1/projects/" + p + "/items/" + skipped + "/skip", ADMIN, "application/json", "");

        try (Connection fallback = dataSource.getConnection()) {
            // like a claim's fallback insert, still open: every unqueued item, so the refill waits on it
            fallback.setAutoCommit(false);
            try (var insert = fallback.prepareStatement("""
                    insert into queue_entries (item_id, project_id, rank, reason)
                    select item_id, project_id, 100000, 'FALLBACK' from unlabeled_items u
                    where u.project_id = ? and not exists (select 1 from queue_entries q where q.item_id = u.item_id)""")) {
                insert.setLong(1, p);
                assertThat(insert.executeUpdate()).isPositive();
            }
            int fallbackPid;
            try (var pid = fallback.createStatement(); var rs = pid.executeQuery("select pg_backend_pid()")) {
                rs.next();
                fallbackPid = rs.getInt(1);
            }
            var cycle = java.util.concurrent.CompletableFuture.supplyAsync(() -> scheduler.runNow(p));
            // the cycle has deleted the old entries (the skipped one among them) and waits for the fallback's
            for (long deadline = System.nanoTime() + 60_000_000_000L; blockedBy(fallbackPid) == 0; ) {
                assertThat(System.nanoTime()).as("the cycle's write never waited").isLessThan(deadline);
                Thread.sleep(50);
            }
            try (var delete = fallback.prepareStatement("delete from queue_entries where item_id = ?")) {
                delete.setLong(1, skipped);
                delete.executeUpdate(); // waits for the cycle: a deadlock, which the cycle (waiting longer) loses
            }
            fallback.rollback();

            assertThat(cycle.get(60, java.util.concurrent.TimeUnit.SECONDS).outcome()).isEqualTo(RetrainCycle.Outcome.TRAINED);
        }
        assertThat(stats(p).get("modelVersion").asInt()).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from queue_entries where project_id = ? and model_version = 2").param(p)
                .query(Long.class).single()).isPositive();
    }

    private long blockedBy(int pid) {
        return jdbc.sql("select count(*) from pg_stat_activity where ? = any(pg_blocking_pids(pid))").param(pid)
                .query(Long.class).single();
    }
}
