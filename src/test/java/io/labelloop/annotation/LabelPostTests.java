package io.labelloop.annotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.support.ApiTest;
import io.labelloop.support.Datasets;
import io.labelloop.support.Datasets.Oracle;
import io.labelloop.support.ProjectApi;
import io.labelloop.training.internal.TrainingScheduler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Label posts over HTTP: the exact budget, repeats, replacements, undo, and labels that count for training. */
class LabelPostTests extends ApiTest {

    @Autowired
    TrainingScheduler scheduler;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    LabelQueries labelQueries;

    private final Oracle iris = Datasets.tabular("/learning/iris.csv");

    @Test
    void shouldAcceptExactlyTheBudgetUnderConcurrentLabelPosts() throws Exception {
        ProjectApi p = irisProject(iris, Map.of("budget", 10));
        List<JsonNode> items = api().get("/api/v1/projects/" + p.id() + "/items?limit=64", ADMIN).json().valueStream().toList();
        List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());

        try (var pool = Executors.newFixedThreadPool(64)) {
            var start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (JsonNode item : items) {
                futures.add(pool.submit(() -> {
                    start.await();
                    statuses.add(p.label(item.get("id").asLong(), iris.truth().get(item.get("externalId").asString())).status());
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
        assertThat(p.stats().get("budgetUsed").asLong()).isEqualTo(10);
        assertThat(p.stats().get("budgetRemaining").asLong()).isZero();
    }

    @Test
    void shouldCountARepeatedLabelOnceReplaceADifferentOneAndUndo() {
        ProjectApi p = irisProject(iris, Map.of("budget", 100));
        long itemId = p.claimItems(1).get(0).get("itemId").asLong();

        assertThat(p.label(itemId, "setosa").status()).isEqualTo(201);
        assertThat(p.label(itemId, "setosa").status()).isEqualTo(200);
        assertThat(p.label(itemId, "virginica").status()).isEqualTo(200);
        assertThat(p.stats().get("budgetUsed").asLong()).isEqualTo(1);
        assertThat(p.label(itemId, "rose").status()).isEqualTo(422);

        assertThat(p.undo(itemId).status()).isEqualTo(204);
        assertThat(p.stats().get("budgetUsed").asLong()).isZero();
        assertThat(p.undo(itemId).status()).isEqualTo(404);
    }

    @Test
    void shouldRefuseALabelOnAnItemSomeoneElseAlreadyLabeled() {
        ProjectApi p = irisProject(iris, Map.of("budget", 100));
        ProjectApi other = p.as(userWithToken("ANNOTATOR"));
        p.addMember(usernameOf(other.token()));
        long itemId = api().get("/api/v1/projects/" + p.id() + "/items?limit=1", ADMIN).json().get(0).get("id").asLong();

        assertThat(p.label(itemId, "setosa").status()).isEqualTo(201);
        var second = other.label(itemId, "virginica");

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("detail").asString()).contains("already labeled");
        assertThat(p.stats().get("budgetUsed").asLong()).isEqualTo(1);
    }

    @Test
    void shouldCountTrainingLabelsWithoutTheHoldoutThroughLabelsAndUndos() {
        ProjectApi p = irisProject(iris, Map.of("holdoutFraction", 0.3));
        scheduler.runDue(p.id());
        p.labelByOracle(20, iris.truth());
        scheduler.runDue(p.id());
        p.labelByOracle(10, iris.truth());
        for (boolean holdout : new boolean[] {true, false}) {
            long itemId = jdbc.sql("select item_id from labels where project_id = ? and source = 'HUMAN' and holdout = ? limit 1")
                    .params(p.id(), holdout).query(Long.class).single();
            assertThat(p.undo(itemId).status()).isEqualTo(204);
        }

        long training = jdbc.sql("select count(*) from labels where project_id = ? and source = 'HUMAN' and not holdout")
                .param(p.id()).query(Long.class).single();
        assertThat(training).as("30 labels, 9 of them holdout draws, 2 undone").isEqualTo(20);
        assertThat(labelQueries.humanTrainingLabelCount(p.id())).isEqualTo(training);
    }
}
