package io.labelloop.annotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.support.Api;
import io.labelloop.support.ApiTest;
import io.labelloop.support.Concurrently;
import io.labelloop.support.Datasets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** Label posts racing for the last of a budget, on one instance and on two sharing a database. */
class BudgetUnderConcurrencyTests extends ApiTest {

    private final Datasets.Oracle iris = Datasets.tabular("/learning/iris.csv");

    private long irisProject(int budget) {
        Map<String, Object> settings = new HashMap<>(Map.of("name", "iris", "taskType", "TABULAR", "labels", iris.labels(),
                "budget", budget));
        long id = api().post("/api/v1/projects", ADMIN, settings).json().get("id").asLong();
        api().postRaw("/api/v1/projects/" + id + "/items", ADMIN, "text/csv", iris.unlabeledCsv());
        return id;
    }

    @Test
    void shouldAcceptExactlyTheBudgetWhenTwoInstancesTakeLabelsTogether() throws Exception {
        long p = irisProject(10);
        List<JsonNode> items = api().get("/api/v1/projects/" + p + "/items?limit=64", ADMIN).json().valueStream().toList();
        try (ConfigurableApplicationContext second = Concurrently.secondInstance()) {
            Api other = Concurrently.apiOf(second);
            List<Callable<Integer>> posts = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i);
                Api instance = i % 2 == 0 ? api() : other;
                posts.add(() -> instance.post("/api/v1/projects/" + p + "/items/" + item.get("id").asLong() + "/labels", ADMIN,
                        Map.of("label", iris.truth().get(item.get("externalId").asString()))).status());
            }
            List<Integer> statuses = Concurrently.allAtOnce(posts);

            assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(10);
            assertThat(statuses.stream().filter(s -> s == 409).count()).isEqualTo(54);
        }
        var stats = api().get("/api/v1/projects/" + p + "/stats", ADMIN).json();
        assertThat(stats.get("budgetUsed").asLong()).isEqualTo(10);
        assertThat(stats.get("humanLabeled").asLong()).isEqualTo(10);
    }

    @Test
    void shouldCountTheSamePostRepeatedConcurrentlyOnce() throws Exception {
        long p = irisProject(100);
        JsonNode item = api().get("/api/v1/projects/" + p + "/items?limit=1", ADMIN).json().get(0);
        String path = "/api/v1/projects/" + p + "/items/" + item.get("id").asLong() + "/labels";
        Map<String, String> label = Map.of("label", iris.truth().get(item.get("externalId").asString()));

        List<Integer> statuses = Concurrently.allAtOnce(Collections.nCopies(16, () -> api().post(path, ADMIN, label).status()));

        assertThat(statuses).containsOnly(200, 201);
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
        assertThat(api().get("/api/v1/projects/" + p + "/stats", ADMIN).json().get("budgetUsed").asLong()).isEqualTo(1);
    }

    /**
     * An instance keeps the project it read for up to {@code labelloop.access.cache-ttl}; a budget a lead
     * lowers through another instance must hold on it at once, so the budget is read under its lock.
     */
    @Test
    void shouldHoldABudgetLoweredThroughAnotherInstanceAtOnce() throws Exception {
        long p = irisProject(10);
        List<JsonNode> items = api().get("/api/v1/projects/" + p + "/items?limit=6", ADMIN).json().valueStream().toList();
        try (ConfigurableApplicationContext second = Concurrently.secondInstance("--labelloop.access.cache-ttl=10m")) {
            Api cached = Concurrently.apiOf(second);
            assertThat(label(cached, p, items.get(0)).status()).isEqualTo(201); // the second instance now holds budget 10

            assertThat(api().patch("/api/v1/projects/" + p, ADMIN, Map.of("budget", 3)).status()).isEqualTo(200);

            List<Integer> statuses = new ArrayList<>();
            for (JsonNode item : items.subList(1, items.size())) {
                statuses.add(label(cached, p, item).status());
            }
            assertThat(statuses).containsExactly(201, 201, 409, 409, 409);
        }
        assertThat(api().get("/api/v1/projects/" + p + "/stats", ADMIN).json().get("budgetUsed").asLong()).isEqualTo(3);
    }

    private Api.Response label(Api instance, long p, JsonNode item) {
        return instance.post("/api/v1/projects/" + p + "/items/" + item.get("id").asLong() + "/labels", ADMIN,
                Map.of("label", iris.truth().get(item.get("externalId").asString())));
    }
}
