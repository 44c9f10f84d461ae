package io.labelloop.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.support.ApiTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Gold items (issue 18): mixed into claims at the gold rate, free of budget, scored per annotator. */
class GoldItemsApiTests extends ApiTest {

    @Test
    void shouldMixGoldItemsIntoClaimsFreeOfBudgetAndReportEachAnnotatorsGoldAccuracy() {
        long p = api().post("/api/v1/projects", ADMIN, Map.of("name", "gold-" + UUID.randomUUID(), "taskType", "TEXT",
                "labels", List.of("pos", "neg"), "budget", 12, "goldRate", 0.4)).json().get("id").asLong();
        StringBuilder csv = new StringBuilder("id,text,label\n");
        for (int i = 0; i < 30; i++) {
            csv.append("u").append(i).append(",unlabeled ").append(i).append(",\n");
        }
        for (int i = 0; i < 8; i++) {
            csv.append("g").append(i).append(",known ").append(i).append(",").append(i % 2 == 0 ? "pos" : "neg").append('\n');
        }
        var upload = api().postRaw("/api/v1/projects/" + p + "/items", ADMIN, "text/csv", csv.toString());
        assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
        List<Long> goldIds = new ArrayList<>();
        api().get("/api/v1/projects/" + p + "/items?limit=100", ADMIN).json().forEach(i -> {
            if (i.get("externalId").asString().startsWith("g")) {
                goldIds.add(i.get("id").asLong());
            }
        });
        var marked = api().post("/api/v1/projects/" + p + "/gold", ADMIN, Map.of("itemIds", goldIds));
        assertThat(marked.status()).as(marked.toString()).isEqualTo(200);
        assertThat(marked.json().get("gold").asInt()).isEqualTo(8);
        String ann = userWithToken("ANNOTATOR");
        api().post("/api/v1/projects/" + p + "/members", ADMIN, Map.of("username", usernameOf(ann)));

        Set<Long> goldSeen = new HashSet<>();
        int goldRight = 0;
        int labeled = 0;
        for (int round = 0; round < 30; round++) {
            JsonNode claim = api().post("/api/v1/projects/" + p + "/queue/claims", ann, Map.of("count", 3)).json();
            if (claim.get("items").isEmpty()) {
                assertThat(claim.get("reason").asString()).isEqualTo("BUDGET_EXHAUSTED");
                break;
            }
            for (JsonNode item : claim.get("items")) {
                assertThat(item.toString()).doesNotContainIgnoringCase("gold");
                long id = item.get("itemId").asLong();
                String answer = "pos";
                var r = api().post("/api/v1/projects/" + p + "/items/" + id + "/labels", ann, Map.of("label", answer));
                if (goldIds.contains(id)) {
                    assertThat(r.status()).isEqualTo(201);
                    assertThat(goldSeen.add(id)).as("a gold item once per annotator").isTrue();
                    goldRight += goldIds.indexOf(id) % 2 == 0 ? 1 : 0;
                } else if (r.status() == 201) {
                    labeled++;
                }
            }
        }
        assertThat(labeled).as("gold answers cost no budget").isEqualTo(12);
        assertThat(goldSeen).isNotEmpty();
        var stats = api().get("/api/v1/projects/" + p + "/stats", ADMIN).json();
        assertThat(stats.get("budgetUsed").asLong()).isEqualTo(12);
        JsonNode me = api().get("/api/v1/projects/" + p + "/agreement", ADMIN).json().get("annotators").get(0);
        assertThat(me.get("goldAnswered").asLong()).isEqualTo(goldSeen.size());
        assertThat(me.get("goldAccuracy").asDouble()).isEqualTo((double) goldRight / goldSeen.size());
        assertThat(me.get("goldLow95").asDouble()).isLessThanOrEqualTo(me.get("goldAccuracy").asDouble());
        assertThat(me.get("goldHigh95").asDouble()).isGreaterThanOrEqualTo(me.get("goldAccuracy").asDouble());
        // an imported label stays the item's label: the annotator's gold answers never became labels
        JsonNode gold = api().get("/api/v1/projects/" + p + "/items/" + goldSeen.iterator().next(), ADMIN).json();
        assertThat(gold.get("labels")).hasSize(1);
        assertThat(gold.get("labels").get(0).get("source").asString()).isEqualTo("IMPORTED");
    }

    @Test
    void shouldRefuseGoldMarkingByAnnotatorsAndWithoutItemIds() {
        long p = project(ADMIN, "TEXT", "pos", "neg");
        String ann = userWithToken("ANNOTATOR");
        api().post("/api/v1/projects/" + p + "/members", ADMIN, Map.of("username", usernameOf(ann)));
        assertThat(api().post("/api/v1/projects/" + p + "/gold", ann, Map.of("itemIds", List.of(1))).status()).isEqualTo(403);
        assertThat(api().post("/api/v1/projects/" + p + "/gold", ADMIN, Map.of("itemIds", List.of())).status()).isEqualTo(422);
        assertThat(api().post("/api/v1/projects", ADMIN, Map.of("name", "x", "taskType", "TEXT", "labels", List.of("a", "b"),
                "goldRate", 0.9)).status()).isEqualTo(422);
    }
}
