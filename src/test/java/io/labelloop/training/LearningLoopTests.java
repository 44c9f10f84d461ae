package io.labelloop.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.support.Api.Response;
import io.labelloop.support.ApiTest;
import io.labelloop.support.Datasets;
import io.labelloop.support.Datasets.Oracle;
import io.labelloop.annotation.LabelQueries;
import io.labelloop.shared.HotTableVacuum;
import io.labelloop.training.internal.RetrainCycle;
import io.labelloop.training.internal.TrainingScheduler;
import java.sql.Connection;
import javax.sql.DataSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Labels flow in, models retrain, the queue reorders: the loop as a user drives it over HTTP. */
class LearningLoopTests extends ApiTest {

    @Autowired
    TrainingScheduler scheduler;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    LabelQueries labelQueries;

    @Autowired
    DataSource dataSource;

    private final Oracle iris = Datasets.tabular("/learning/iris.csv");

    private long irisProject(Map<String, Object> extra) {
        Map<String, Object> settings = new HashMap<>(Map.of("name", "iris", "taskType", "TABULAR", "labels", iris.labels(),
                "batchSize", 10, "retrainEvery", 10, "holdoutFraction", 0));
        settings.putAll(extra);
        var created = api().post("/api/v1/projects", ADMIN, settings);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        var upload = api().postRaw("/api/v1/projects/" + id + "/items", ADMIN, "text/csv", iris.unlabeledCsv());
        assertThat(upload.json().get("created").asLong()).isEqualTo(150);
        return id;
    }

    private Response claim(long project, String token, int count) {
        return api().post("/api/v1/projects/" + project + "/queue/claims", token, Map.of("count", count));
    }

    /** Claims and labels n items with their true labels; returns how many were labeled. */
    private int labelByOracle(long project, String token, int n) {
        int done = 0;
        while (done < n) {
            JsonNode items = claim(project, token, Math.min(10, n - done)).json().get("items");
            if (items.isEmpty()) {
                break;
            }
            for (JsonNode item : items) {
                var r = api().post("/api/v1/projects/" + project + "/items/" + item.get("itemId").asLong() + "/labels", token,
                        Map.of("label", iris.truth().get(item.get("externalId").asString())));
                assertThat(r.status()).as(r.toString()).isEqualTo(201);
                done++;
            }
        }
        return done;
    }

    private JsonNode stats(long project) {
        return api().get("/api/v1/projects/" + project + "/stats", ADMIN).json();
    }

    @Test
    void shouldServeADiverseColdStartSampleBeforeTheFirstModel() {
        long p = irisProject(Map.of());

        scheduler.runDue();
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
        scheduler.runDue();
        assertThat(labelByOracle(p, ADMIN, 20)).isEqualTo(20);

        assertThat(scheduler.runDue()).isGreaterThanOrEqualTo(1);

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
        scheduler.runDue();
        labelByOracle(p, ADMIN, 20);
        scheduler.runDue();
        int versionsBefore = api().get("/api/v1/projects/" + p + "/models", ADMIN).json().size();

        scheduler.runDue();
        scheduler.runDue();

        assertThat(api().get("/api/v1/projects/" + p + "/models", ADMIN).json().size()).isEqualTo(versionsBefore);
    }

    @Test
    void shouldRetrainAfterRetrainEveryNewLabels() {
        long p = irisProject(Map.of());
        scheduler.runDue();
        labelByOracle(p, ADMIN, 20);
        scheduler.runDue();
        labelByOracle(p, ADMIN, 9);
        scheduler.runDue();
        assertThat(stats(p).get("modelVersion").asInt()).as("9 new labels < retrainEvery 10").isEqualTo(1);

        labelByOracle(p, ADMIN, 1);
        scheduler.runDue();

        assertThat(stats(p).get("modelVersion").asInt()).isEqualTo(2);
    }

    @Test
    void shouldNotHandTheSameItemToTwoAnnotators() throws Exception {
        long p = irisProject(Map.of("batchSize", 100));
        scheduler.runDue();
        List<String> tokens = List.of(userWithToken("ANNOTATOR"), userWithToken("ANNOTATOR"), userWithToken("ANNOTATOR"),
                userWithToken("ANNOTATOR"));
        for (String t : tokens) {
            api().post("/api/v1/projects/" + p + "/members", ADMIN, Map.of("username", usernameOf(t)));
        }

        List<Long> claimed = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(32)) {
            List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < 32; i++) {
                String token = tokens.get(i % tokens.size());
                futures.add(pool.submit(() -> {
                    var r = claim(p, token, 4);
                    assertThat(r.status()).as(r.toString()).isEqualTo(200);
                    r.json().get("items").forEach(item -> claimed.add(item.get("itemId").asLong()));
                }));
            }
            for (var f : futures) {
                f.get();
            }
        }

        assertThat(claimed).hasSize(128).doesNotHaveDuplicates();
    }

    @Test
    void shouldAcceptExactlyTheBudgetUnderConcurrentLabelPosts() throws Exception {
        long p = irisProject(Map.of("budget", 10));
        List<JsonNode> items = api().get("/api/v1/projects/" + p + "/items?limit=64", ADMIN).json().valueStream().toList();
        List<Integer> statuses = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(64)) {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
            for (JsonNode item : items) {
                futures.add(pool.submit(() -> {
                    start.await();
                    statuses.add(api().post("/api/v1/projects/" + p + "/items/" + item.get("id").asLong() + "/labels", ADMIN,
                            Map.of("label", iris.truth().get(item.get("externalId").asString()))).status());
                    return null;
                }));
            }
            start.countDown();
            for (var f : futures) {
                f.get();
            }
        }

        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(10);
        assertThat(statuses.stream().filter(s -> s == 409).count()).isEqualTo(54);
        assertThat(stats(p).get("budgetUsed").asLong()).isEqualTo(10);
        assertThat(stats(p).get("budgetRemaining").asLong()).isZero();
    }

    @Test
    void shouldCountOutstandingLeasesAgainstTheBudget() {
        long p = irisProject(Map.of("budget", 5));
        scheduler.runDue();

        var first = claim(p, ADMIN, 3).json();
        var second = claim(p, ADMIN, 3).json();
        var third = claim(p, ADMIN, 3).json();

        assertThat(first.get("items").size()).isEqualTo(3);
        assertThat(second.get("items").size()).as("only 2 of the budget are not reserved").isEqualTo(2);
        assertThat(third.get("items").size()).isZero();
        assertThat(third.get("reason").asString()).isEqualTo("BUDGET_EXHAUSTED");
    }

    @Test
    void shouldReturnAnExpiredLeaseToTheQueue() {
        long p = irisProject(Map.of());
        scheduler.runDue();
        String other = userWithToken("ANNOTATOR");
        api().post("/api/v1/projects/" + p + "/members", ADMIN, Map.of("username", usernameOf(other)));
        long itemId = claim(p, ADMIN, 1).json().get("items").get(0).get("itemId").asLong();
        var blocked = api().post("/api/v1/projects/" + p + "/items/" + itemId + "/labels", other, Map.of("label", "setosa"));
        assertThat(blocked.status()).as("leased to someone else").isEqualTo(409);

        jdbc.sql("update queue_entries set lease_expires_at = now() - interval '1 second' where item_id = ?").param(itemId).update();

        List<Long> reclaimed = claim(p, other, 10).json().get("items").valueStream().map(i -> i.get("itemId").asLong()).toList();
        assertThat(reclaimed).contains(itemId);
    }

    @Test
    void shouldVacuumTheQueueOnceClaimsAndLabelsLeaveDeadRowsBehind() throws InterruptedException {
        long p = irisProject(Map.of("retrainEvery", 1000));
        scheduler.runDue();
        assertThat(labelByOracle(p, ADMIN, 60)).isEqualTo(60);
        var lenient = new HotTableVacuum(jdbc, new HotTableVacuum.Settings(1_000_000_000, Duration.ofSeconds(2)));
        lenient.watch("queue_entries");
        var vacuum = new HotTableVacuum(jdbc, new HotTableVacuum.Settings(60, Duration.ofSeconds(2)));
        vacuum.watch("queue_entries");
        long vacuumsBefore = queueVacuums();

        assertThat(lenient.vacuumDue()).as("far fewer dead rows than its threshold").isEmpty();
        // each backend reports its dead rows to the statistics within a second or, when idle, ten
        List<String> vacuumed = List.of();
        for (long deadline = System.nanoTime() + 20_000_000_000L; vacuumed.isEmpty() && System.nanoTime() < deadline; ) {
            Thread.sleep(200);
            vacuumed = vacuum.vacuumDue();
        }

        assertThat(vacuumed).containsExactly("queue_entries");
        assertThat(queueVacuums()).isGreaterThan(vacuumsBefore);
        assertThat(claim(p, ADMIN, 5).json().get("items").size()).as("the queue serves on").isEqualTo(5);
    }

    private long queueVacuums() {
        return jdbc.sql("select vacuum_count from pg_stat_user_tables where schemaname = current_schema() and relname = 'queue_entries'")
                .query(Long.class).single();
    }

    @Test
    void shouldCountARepeatedLabelOnceReplaceADifferentOneAndUndo() {
        long p = irisProject(Map.of("budget", 100));
        long itemId = claim(p, ADMIN, 1).json().get("items").get(0).get("itemId").asLong();
        String path = "/api/v1/projects/" + p + "/items/" + itemId + "/labels";

        assertThat(api().post(path, ADMIN, Map.of("label", "setosa")).status()).isEqualTo(201);
        assertThat(api().post(path, ADMIN, Map.of("label", "setosa")).status()).isEqualTo(200);
        assertThat(api().post(path, ADMIN, Map.of("label", "virginica")).status()).isEqualTo(200);
        assertThat(stats(p).get("budgetUsed").asLong()).isEqualTo(1);
        assertThat(api().post(path, ADMIN, Map.of("label", "rose")).status()).isEqualTo(422);

        assertThat(api().delete(path + "/mine", ADMIN).status()).isEqualTo(204);
        assertThat(stats(p).get("budgetUsed").asLong()).isZero();
        assertThat(api().delete(path + "/mine", ADMIN).status()).isEqualTo(404);
    }

    @Test
    void shouldRefuseALabelOnAnItemSomeoneElseAlreadyLabeled() {
        long p = irisProject(Map.of("budget", 100));
        String other = userWithToken("ANNOTATOR");
        api().post("/api/v1/projects/" + p + "/members", ADMIN, Map.of("username", usernameOf(other)));
        long itemId = api().get("/api/v1/projects/" + p + "/items?limit=1", ADMIN).json().get(0).get("id").asLong();
        String path = "/api/v1/projects/" + p + "/items/" + itemId + "/labels";

        assertThat(api().post(path, ADMIN, Map.of("label", "setosa")).status()).isEqualTo(201);
        var second = api().post(path, other, Map.of("label", "virginica"));

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("detail").asString()).contains("already labeled");
        assertThat(stats(p).get("budgetUsed").asLong()).isEqualTo(1);
    }

    @Test
    void shouldSayWhyTheQueueIsEmpty() {
        long noBudget = irisProject(Map.of("budget", 0));
        assertThat(claim(noBudget, ADMIN, 1).json().get("reason").asString()).isEqualTo("BUDGET_EXHAUSTED");

        long stopped = irisProject(Map.of());
        api().patch("/api/v1/projects/" + stopped, ADMIN, Map.of("stopped", true));
        assertThat(claim(stopped, ADMIN, 1).json().get("reason").asString()).isEqualTo("STOPPED");

        long small = project(ADMIN, "TEXT", "a", "b");
        api().postRaw("/api/v1/projects/" + small + "/items", ADMIN, "text/csv", "externalId,text\n1,x\n2,y\n");
        for (JsonNode item : claim(small, ADMIN, 5).json().get("items")) {
            api().post("/api/v1/projects/" + small + "/items/" + item.get("itemId").asLong() + "/labels", ADMIN, Map.of("label", "a"));
        }
        var empty = claim(small, ADMIN, 1).json();
        assertThat(empty.get("items").isEmpty()).isTrue();
        assertThat(empty.get("reason").asString()).isEqualTo("POOL_EXHAUSTED");
    }

    @Test
    void shouldFallBackToUnrankedItemsRatherThanServeAnEmptyQueue() {
        long p = irisProject(Map.of());

        var r = claim(p, ADMIN, 5).json();

        assertThat(r.get("items").size()).isEqualTo(5);
        assertThat(r.get("items").findValuesAsString("reason")).containsOnly("FALLBACK");
    }

    @Test
    void shouldRankASkippedItemLower() {
        long p = irisProject(Map.of());
        scheduler.runDue();
        long first = claim(p, ADMIN, 1).json().get("items").get(0).get("itemId").asLong();

        assertThat(api().postRaw("/api/v1/projects/" + p + "/items/" + first + "/skip", ADMIN, "application/json", "").status())
                .isEqualTo(204);

        List<Long> next = claim(p, ADMIN, 9).json().get("items").valueStream().map(i -> i.get("itemId").asLong()).toList();
        assertThat(next).hasSize(9).doesNotContain(first);
    }

    @Test
    void shouldKeepThePreviousModelAndQueueWhenACycleFails() {
        long p = irisProject(Map.of());
        scheduler.runDue();
        labelByOracle(p, ADMIN, 20);
        scheduler.runDue();
        List<Long> queueBefore = jdbc.sql("select item_id from queue_entries where project_id = ? order by rank").param(p)
                .query(Long.class).list();
        labelByOracle(p, ADMIN, 10);
        jdbc.sql("update item_vectors set encoded = '\\x0102'::bytea where project_id = ? and item_id = ?")
                .params(p, queueBefore.getLast()).update();
        List<Long> queueAfterLabels = jdbc.sql("select item_id from queue_entries where project_id = ? order by rank").param(p)
                .query(Long.class).list();

        scheduler.runDue();

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
        scheduler.runDue();
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
        scheduler.runDue();
        labelByOracle(p, ADMIN, 20);
        scheduler.runDue();
        labelByOracle(p, ADMIN, 10);

        assertThat(stats(p).get("holdoutLabeled").asLong()).as("0.3 of 30 labels").isEqualTo(9);
        assertThat(jdbc.sql("select label_count from model_versions where project_id = ? and version = 1").param(p)
                .query(Integer.class).single()).as("20 labels, 6 of them holdout draws").isEqualTo(14);
        assertThat(jdbc.sql("select count(*) from queue_entries where project_id = ? and holdout and reason <> 'HOLDOUT'")
                .param(p).query(Long.class).single()).as("no ranked entry is a holdout draw").isZero();
    }

    @Test
    void shouldCountTrainingLabelsWithoutTheHoldoutThroughLabelsAndUndos() {
        long p = irisProject(Map.of("holdoutFraction", 0.3));
        scheduler.runDue();
        labelByOracle(p, ADMIN, 20);
        scheduler.runDue();
        labelByOracle(p, ADMIN, 10);
        for (boolean holdout : new boolean[] {true, false}) {
            long itemId = jdbc.sql("select item_id from labels where project_id = ? and source = 'HUMAN' and holdout = ? limit 1")
                    .params(p, holdout).query(Long.class).single();
            assertThat(api().delete("/api/v1/projects/" + p + "/items/" + itemId + "/labels/mine", ADMIN).status()).isEqualTo(204);
        }

        long training = jdbc.sql("select count(*) from labels where project_id = ? and source = 'HUMAN' and not holdout")
                .param(p).query(Long.class).single();
        assertThat(training).as("30 labels, 9 of them holdout draws, 2 undone").isEqualTo(20);
        assertThat(labelQueries.humanTrainingLabelCount(p)).isEqualTo(training);
    }

    @Test
    void shouldWriteACycleAgainWhenItLosesADeadlockWithAFallbackInsert() throws Exception {
        long p = irisProject(Map.of());
        scheduler.runDue();
        labelByOracle(p, ADMIN, 20);
        scheduler.runDue();
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
