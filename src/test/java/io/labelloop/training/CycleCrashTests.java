package io.labelloop.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.support.ApiTest;
import io.labelloop.support.BlockedBackends;
import io.labelloop.support.Datasets;
import io.labelloop.support.Datasets.Oracle;
import io.labelloop.support.TestDatabase;
import io.labelloop.training.internal.TrainingScheduler;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A cycle dies in the middle of writing its new model and queue (its database session ends, as when its
 * instance is killed): no label is lost, the previous model and queue keep serving, and the next cycle runs.
 */
class CycleCrashTests extends ApiTest {

    @Autowired
    TrainingScheduler scheduler;

    private final Oracle iris = Datasets.tabular("/learning/iris.csv");

    @Test
    void shouldLoseNoLabelAndServeThePreviousQueueWhenACycleDiesMidWrite() throws Exception {
        long p = api().post("/api/v1/projects", ADMIN, Map.of("name", "crash", "taskType", "TABULAR", "labels", iris.labels(),
                "holdoutFraction", 0, "retrainEvery", 10, "batchSize", 20)).json().get("id").asLong();
        api().postRaw("/api/v1/projects/" + p + "/items", ADMIN, "text/csv", iris.unlabeledCsv());
        scheduler.runDue(p);
        label(p, 20);
        scheduler.runDue(p);
        assertThat(stats(p).get("modelVersion").asInt()).isEqualTo(1);
        label(p, 10); // a cycle is due again
        assertThat(stats(p).get("modelVersion").asInt()).isEqualTo(1);

        TestDatabase.Target db = TestDatabase.get();
        // The executor is closed last: if anything below fails, the blocker's lock goes first and the cycle ends.
        try (var thread = java.util.concurrent.Executors.newSingleThreadExecutor();
                Connection blocker = DriverManager.getConnection(db.url(), db.username(), db.password())) {
            blocker.setAutoCommit(false);
            // Hold the queue so that the cycle stops inside its write transaction, its new model already inserted.
            blocker.createStatement().execute("lock table queue_entries in exclusive mode");
            Set<Long> queueBefore = queueItems(blocker, p);
            // its own thread: the cycle uses the common fork-join pool, which has one worker on two cores
            var cycle = CompletableFuture.supplyAsync(() -> scheduler.runNow(p), thread); // this project only
            int victim;
            try (Connection watcher = DriverManager.getConnection(db.url(), db.username(), db.password())) {
                // its own connection: within a transaction pg_stat_activity stays the snapshot of its first read
                victim = BlockedBackends.waitForOneWriting(watcher, "queue_entries");
            }
            assertThat(count(blocker, "select count(*) from model_versions where project_id = " + p))
                    .as("the new version is not visible before its transaction commits").isEqualTo(1);

            // The cycle's database session ends mid-transaction, as when its instance dies.
            blocker.createStatement().execute("select pg_terminate_backend(" + victim + ")");
            blocker.commit();
            try {
                cycle.get(30, TimeUnit.SECONDS);
            } catch (Exception expected) {
                // the cycle may end in an error; nothing of it may have landed
            }

            assertThat(count(blocker, "select count(*) from model_versions where project_id = " + p)).isEqualTo(1);
            assertThat(stats(p).get("humanLabeled").asLong()).as("no label lost").isEqualTo(30);
            assertThat(queueItems(blocker, p)).as("the previous queue still serves").isEqualTo(queueBefore);
        }
        JsonNode claimed = api().post("/api/v1/projects/" + p + "/queue/claims", ADMIN, Map.of("count", 5)).json().get("items");
        assertThat(claimed.size()).isEqualTo(5);
        assertThat(claimed.get(0).get("prediction").get("probabilities").size()).isEqualTo(3);

        assertThat(scheduler.runDue(p)).as("the next cycle runs").isPositive();
        assertThat(stats(p).get("modelVersion").asInt()).isEqualTo(2);
    }

    private void label(long p, int n) {
        for (JsonNode item : api().post("/api/v1/projects/" + p + "/queue/claims", ADMIN, Map.of("count", n)).json().get("items")) {
            var r = api().post("/api/v1/projects/" + p + "/items/" + item.get("itemId").asLong() + "/labels", ADMIN,
                    Map.of("label", iris.truth().get(item.get("externalId").asString())));
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
        }
    }

    private JsonNode stats(long p) {
        return api().get("/api/v1/projects/" + p + "/stats", ADMIN).json();
    }

    /** The backend of the other instance that waits for the queue lock, once its cycle got there. */

    private static Set<Long> queueItems(Connection c, long p) throws Exception {
        Set<Long> out = new HashSet<>();
        try (ResultSet rs = c.createStatement().executeQuery("select item_id from queue_entries where project_id = " + p)) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    private static long count(Connection c, String sql) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

}
