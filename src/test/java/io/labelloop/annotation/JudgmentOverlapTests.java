package io.labelloop.annotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.support.Api;
import io.labelloop.support.ApiTest;
import io.labelloop.support.Concurrently;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** Several judgments per item (issue 18): the queue hands each item to that many different annotators. */
class JudgmentOverlapTests extends ApiTest {

    private long project(int items, Map<String, Object> extra) {
        Map<String, Object> settings = new HashMap<>(Map.of("name", "overlap-" + UUID.randomUUID(), "taskType", "TEXT",
                "labels", List.of("pos", "neg")));
        settings.putAll(extra);
        var created = api().post("/api/v1/projects", ADMIN, settings);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        StringBuilder csv = new StringBuilder("id,text\n");
        for (int i = 0; i < items; i++) {
            csv.append("t").append(i).append(",item number ").append(i).append(" says ").append(i % 2 == 0 ? "good" : "bad").append('\n');
        }
        assertThat(api().postRaw("/api/v1/projects/" + id + "/items", ADMIN, "text/csv", csv.toString()).status()).isEqualTo(200);
        return id;
    }

    private List<String> annotators(long project, int n) {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String token = userWithToken("ANNOTATOR");
            api().post("/api/v1/projects/" + project + "/members", ADMIN, Map.of("username", usernameOf(token)));
            tokens.add(token);
        }
        return tokens;
    }

    private static List<Long> claim(Api api, long project, String token, int count) {
        var r = api.post("/api/v1/projects/" + project + "/queue/claims", token, Map.of("count", count));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("items").valueStream().map(i -> i.get("itemId").asLong()).toList();
    }

    private static int label(Api api, long project, String token, long itemId, String label) {
        return api.post("/api/v1/projects/" + project + "/items/" + itemId + "/labels", token, Map.of("label", label)).status();
    }

    private JsonNode item(long project, long itemId) {
        return api().get("/api/v1/projects/" + project + "/items/" + itemId, ADMIN).json();
    }

    private long budgetUsed(long project) {
        return api().get("/api/v1/projects/" + project + "/stats", ADMIN).json().get("budgetUsed").asLong();
    }

    @Test
    void shouldHandEachItemToTwoDifferentAnnotatorsAndChargeEveryJudgmentWhenTwoJudgmentsPerItem() {
        long p = project(6, Map.of("judgmentsPerItem", 2, "budget", 100));
        List<String> team = annotators(p, 3);

        List<Long> first = claim(api(), p, team.get(0), 10);
        assertThat(first).hasSize(6);
        first.forEach(id -> assertThat(label(api(), p, team.get(0), id, "pos")).isEqualTo(201));
        assertThat(claim(api(), p, team.get(0), 10)).as("never the same annotator twice").isEmpty();

        List<Long> second = claim(api(), p, team.get(1), 10);
        assertThat(new HashSet<>(second)).isEqualTo(new HashSet<>(first));
        for (int i = 0; i < second.size(); i++) {
            assertThat(label(api(), p, team.get(1), second.get(i), i == 0 ? "neg" : "pos")).isEqualTo(201);
        }
        assertThat(claim(api(), p, team.get(2), 10)).as("every item has its two judgments").isEmpty();
        assertThat(label(api(), p, team.get(2), first.get(0), "pos")).isEqualTo(409);
        assertThat(budgetUsed(p)).isEqualTo(12);

        JsonNode agreed = item(p, second.get(1));
        assertThat(agreed.get("judgments")).hasSize(2);
        assertThat(agreed.get("consensus").get("label").asString()).isEqualTo("pos");
        assertThat(agreed.get("consensus").get("method").asString()).isEqualTo("MAJORITY");
        assertThat(agreed.get("consensus").get("confidence").asDouble()).isEqualTo(1.0);
        JsonNode split = item(p, second.get(0));
        assertThat(split.get("consensus").get("label").asString()).as("a tie goes to the earlier judgment").isEqualTo("pos");
        assertThat(split.get("consensus").get("confidence").asDouble()).isEqualTo(0.5);
    }

    @Test
    void shouldGiveTheItemBackForTheMissingJudgmentWhenAnAnnotatorUndoes() {
        long p = project(1, Map.of("judgmentsPerItem", 2));
        List<String> team = annotators(p, 3);
        long itemId = claim(api(), p, team.get(0), 1).getFirst();
        assertThat(label(api(), p, team.get(0), itemId, "pos")).isEqualTo(201);
        assertThat(label(api(), p, team.get(0), itemId, "neg")).as("a changed judgment replaces the own one").isEqualTo(200);
        assertThat(claim(api(), p, team.get(1), 1)).containsExactly(itemId);
        assertThat(label(api(), p, team.get(1), itemId, "neg")).isEqualTo(201);
        assertThat(budgetUsed(p)).isEqualTo(2);

        assertThat(api().delete("/api/v1/projects/" + p + "/items/" + itemId + "/labels/mine", team.get(1)).status()).isEqualTo(204);

        assertThat(budgetUsed(p)).isEqualTo(1);
        assertThat(claim(api(), p, team.get(0), 1)).isEmpty();
        assertThat(claim(api(), p, team.get(2), 1)).containsExactly(itemId);
        assertThat(item(p, itemId).get("consensus").get("label").asString()).isEqualTo("neg");
    }

    @Test
    void shouldKeepTodaysSingleLabelWhenJudgmentsPerItemIsOne() {
        long p = project(2, Map.of());
        List<String> team = annotators(p, 2);
        assertThat(api().get("/api/v1/projects/" + p, ADMIN).json().get("judgmentsPerItem").asInt()).isEqualTo(1);
        long itemId = claim(api(), p, team.get(0), 1).getFirst();
        assertThat(label(api(), p, team.get(0), itemId, "pos")).isEqualTo(201);
        assertThat(label(api(), p, team.get(1), itemId, "neg")).isEqualTo(409);
        JsonNode item = item(p, itemId);
        assertThat(item.get("judgments")).hasSize(1);
        assertThat(item.get("consensus").get("method").asString()).isEqualTo("SINGLE");
    }

    @Test
    void shouldRefuseJudgmentsPerItemOutsideOneToFive() {
        var r = api().post("/api/v1/projects", ADMIN, Map.of("name", "x", "taskType", "TEXT", "labels", List.of("a", "b"),
                "judgmentsPerItem", 6, "qualityControlShare", 1.5));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body()).contains("judgmentsPerItem").contains("qualityControlShare");
    }

    @Test
    void shouldGiveAboutTheQualityControlShareASecondJudgment() {
        long p = project(200, Map.of("qualityControlShare", 0.1));
        List<String> team = annotators(p, 2);
        for (String token : team) {
            for (List<Long> got = claim(api(), p, token, 50); !got.isEmpty(); got = claim(api(), p, token, 50)) {
                got.forEach(id -> label(api(), p, token, id, "pos"));
            }
        }
        long judgments = budgetUsed(p);
        assertThat(judgments - 200).as("items judged twice").isBetween(12L, 28L);
    }

    /**
     * 32 annotators on two instances claim and label at once, two items at a time, until nothing is
     * left: every item ends with exactly three judgments by three different people, and the budget
     * counts every judgment.
     */
    @Test
    void shouldGiveEveryItemThreeDifferentAnnotatorsUnder32ConcurrentAnnotatorsOnTwoInstances() throws Exception {
        long p = project(40, Map.of("judgmentsPerItem", 3, "budget", 1000));
        List<String> team = annotators(p, 32);
        Map<Long, List<String>> judgedBy = new ConcurrentHashMap<>();
        AtomicInteger refused = new AtomicInteger();
        try (ConfigurableApplicationContext second = Concurrently.secondInstance("--labelloop.embedding.schedule-enabled=false")) {
            Api other = Concurrently.apiOf(second);
            List<Callable<Integer>> workers = new ArrayList<>();
            for (int w = 0; w < team.size(); w++) {
                String token = team.get(w);
                Api api = w % 2 == 0 ? api() : other;
                workers.add(() -> {
                    int done = 0;
                    for (List<Long> got = claim(api, p, token, 2); !got.isEmpty(); got = claim(api, p, token, 2)) {
                        for (long id : got) {
                            int status = label(api, p, token, id, id % 2 == 0 ? "pos" : "neg");
                            if (status == 201) {
                                judgedBy.computeIfAbsent(id, k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(token);
                                done++;
                            } else {
                                refused.incrementAndGet();
                            }
                        }
                    }
                    return done;
                });
            }
            int total = Concurrently.allAtOnce(workers).stream().mapToInt(Integer::intValue).sum();
            assertThat(total).isEqualTo(120);
        }
        assertThat(refused.get()).as("a leased item is labeled by its holder").isZero();
        assertThat(judgedBy).hasSize(40);
        judgedBy.forEach((id, who) -> assertThat(new HashSet<>(who)).as("item " + id).hasSize(3));
        assertThat(budgetUsed(p)).isEqualTo(120);
        for (long id : judgedBy.keySet()) {
            Set<String> annotators = new HashSet<>();
            item(p, id).get("judgments").forEach(j -> annotators.add(j.get("annotator").asString()));
            assertThat(annotators).hasSize(3);
        }
    }

    @Test
    void shouldStopAtTheBudgetWhenEveryJudgmentCostsOne() throws Exception {
        long p = project(40, Map.of("judgmentsPerItem", 2, "budget", 25));
        List<String> team = annotators(p, 8);
        List<Callable<Integer>> workers = new ArrayList<>();
        for (String token : team) {
            workers.add(() -> {
                int done = 0;
                for (List<Long> got = claim(api(), p, token, 3); !got.isEmpty(); got = claim(api(), p, token, 3)) {
                    for (long id : got) {
                        done += label(api(), p, token, id, "pos") == 201 ? 1 : 0;
                    }
                }
                return done;
            });
        }
        assertThat(Concurrently.allAtOnce(workers).stream().mapToInt(Integer::intValue).sum()).isEqualTo(25);
        assertThat(budgetUsed(p)).isEqualTo(25);
    }
}
