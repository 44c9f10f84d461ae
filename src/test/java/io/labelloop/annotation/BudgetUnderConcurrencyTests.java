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

    /**
     * Posts to a project with a budget are written in batches (new labels of a batch in one statement); each post is
     * answered as if it had been written alone, whatever else its batch holds.
     */
    @Test
    void shouldAnswerEachPostAsIfAloneWhenNewRepeatedChangedAndRefusedPostsArriveTogether() throws Exception {
        long p = irisProject(100);
        List<JsonNode> items = api().get("/api/v1/projects/" + p + "/items?limit=64", ADMIN).json().valueStream().toList();
        String other = userWithToken("ANNOTATOR");
        api().post("/api/v1/projects/" + p + "/members", ADMIN, Map.of("username", usernameOf(other)));
        for (int i = 0; i < 4; i++) {
            assertThat(post(p, items.get(i), ADMIN, truth(items.get(i))).status()).isEqualTo(201);
        }
        Map<String, Callable<Api.Response>> posts = new HashMap<>();
        for (int i = 10; i < 30; i++) {
            JsonNode item = items.get(i);
            posts.put("new " + i, () -> post(p, item, ADMIN, truth(item)));
        }
        posts.put("repeat 0", () -> post(p, items.get(0), ADMIN, truth(items.get(0))));
        posts.put("repeat 1", () -> post(p, items.get(1), ADMIN, truth(items.get(1))));
        posts.put("change 2", () -> post(p, items.get(2), ADMIN, otherThan(truth(items.get(2)))));
        posts.put("change 3", () -> post(p, items.get(3), ADMIN, otherThan(truth(items.get(3)))));
        posts.put("same item, admin", () -> post(p, items.get(40), ADMIN, truth(items.get(40))));
        posts.put("same item, other", () -> post(p, items.get(40), other, truth(items.get(40))));
        posts.put("unknown item", () -> api().post("/api/v1/projects/" + p + "/items/999999999/labels", ADMIN,
                Map.of("label", iris.labels().getFirst())));
        List<String> names = new ArrayList<>(posts.keySet());
        List<Api.Response> answers = Concurrently.allAtOnce(names.stream().map(posts::get).toList());
        Map<String, Api.Response> by = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            by.put(names.get(i), answers.get(i));
        }

        for (int i = 10; i < 30; i++) {
            assertThat(by.get("new " + i).status()).as(by.get("new " + i).toString()).isEqualTo(201);
        }
        assertThat(by.get("repeat 0").json().get("outcome").asString()).isEqualTo("UNCHANGED");
        assertThat(by.get("repeat 1").json().get("outcome").asString()).isEqualTo("UNCHANGED");
        assertThat(by.get("change 2").json().get("outcome").asString()).isEqualTo("REPLACED");
        assertThat(by.get("change 3").json().get("outcome").asString()).isEqualTo("REPLACED");
        assertThat(List.of(by.get("same item, admin").status(), by.get("same item, other").status()))
                .as("one of two annotators gets the item").containsExactlyInAnyOrder(201, 409);
        assertThat(by.get("unknown item").status()).isEqualTo(404);
        var stats = api().get("/api/v1/projects/" + p + "/stats", ADMIN).json();
        assertThat(stats.get("budgetUsed").asLong()).isEqualTo(4 + 20 + 1);
        assertThat(stats.get("humanLabeled").asLong()).isEqualTo(4 + 20 + 1);
    }

    private Api.Response post(long project, JsonNode item, String token, String label) {
        return api().post("/api/v1/projects/" + project + "/items/" + item.get("id").asLong() + "/labels", token, Map.of("label", label));
    }

    private String truth(JsonNode item) {
        return iris.truth().get(item.get("externalId").asString());
    }

    private String otherThan(String label) {
        return iris.labels().stream().filter(l -> !l.equals(label)).findFirst().orElseThrow();
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
