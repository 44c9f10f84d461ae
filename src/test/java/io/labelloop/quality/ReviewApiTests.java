package io.labelloop.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The review queue and reviews through the HTTP API (issue 18). */
class ReviewApiTests extends ApiTest {

    @Test
    void shouldListDisagreementsForLeadsAndLetAReviewWinOverLaterJudgments() {
        String lead = userWithToken("LEAD");
        long p = api().post("/api/v1/projects", lead, Map.of("name", "review-" + UUID.randomUUID(), "taskType", "TEXT",
                "labels", List.of("pos", "neg"), "judgmentsPerItem", 2)).json().get("id").asLong();
        api().postRaw("/api/v1/projects/" + p + "/items", lead, "text/csv", "id,text\na,one\nb,two\nc,three\nd,four\ne,five\n");
        List<Long> ids = new ArrayList<>();
        api().get("/api/v1/projects/" + p + "/items?limit=10", lead).json().forEach(i -> ids.add(i.get("id").asLong()));
        String ann = userWithToken("ANNOTATOR");
        String bob = userWithToken("ANNOTATOR");
        for (String t : List.of(ann, bob)) {
            api().post("/api/v1/projects/" + p + "/members", lead, Map.of("username", usernameOf(t)));
        }
        for (int i = 0; i < 4; i++) {
            post(p, ann, ids.get(i), "pos");
            post(p, bob, ids.get(i), i < 2 ? "neg" : "pos");
        }

        JsonNode queue = api().get("/api/v1/projects/" + p + "/review?limit=50", lead).json();
        assertThat(queue).hasSize(2);
        assertThat(queue.get(0).get("reason").asString()).isEqualTo("DISAGREEMENT");
        assertThat(queue.get(0).get("currentLabel").asString()).isEqualTo("pos");
        assertThat(queue.get(0).get("suggestedLabel").asString()).isEqualTo("neg");
        assertThat(queue.get(0).get("score").asDouble()).isEqualTo(0.5);
        assertThat(api().get("/api/v1/projects/" + p + "/review", ann).status()).isEqualTo(403);

        long item = queue.get(0).get("itemId").asLong();
        var reviewed = api().post("/api/v1/projects/" + p + "/items/" + item + "/review", lead, Map.of("label", "neg"));
        assertThat(reviewed.status()).as(reviewed.toString()).isEqualTo(200);
        assertThat(reviewed.json().get("reviewedBy").asString()).isEqualTo(usernameOf(lead));

        assertThat(api().get("/api/v1/projects/" + p + "/review", lead).json()).hasSize(1);
        assertThat(api().post("/api/v1/projects/" + p + "/items/" + item + "/labels", ann, Map.of("label", "pos")).status())
                .as("ann changes her judgment").isIn(200, 201);
        JsonNode consensus = api().get("/api/v1/projects/" + p + "/items/" + item, lead).json().get("consensus");
        assertThat(consensus.get("label").asString()).isEqualTo("neg");
        assertThat(consensus.get("method").asString()).isEqualTo("REVIEWED");
        assertThat(consensus.get("reviewed").asBoolean()).isTrue();
        assertThat(consensus.get("reviewedBy").asString()).isEqualTo(usernameOf(lead));

        // the export says where every final label came from, with every judgment
        Map<String, JsonNode> rows = new java.util.HashMap<>();
        api().get("/api/v1/projects/" + p + "/export?format=jsonl", lead).body().lines()
                .map(line -> tools.jackson.databind.json.JsonMapper.builder().build().readTree(line))
                .forEach(row -> rows.put(row.get("externalId").asString(), row));
        assertThat(rows).hasSize(4);
        String reviewedExternal = api().get("/api/v1/projects/" + p + "/items/" + item, lead).json().get("externalId").asString();
        assertThat(rows.get(reviewedExternal).get("source").asString()).isEqualTo("REVIEWED");
        assertThat(rows.get(reviewedExternal).get("annotator").asString()).isEqualTo(usernameOf(lead));
        assertThat(rows.get(reviewedExternal).get("judgments")).hasSize(2);
        assertThat(rows.values().stream().filter(r -> r.get("source").asString().equals("CONSENSUS")).count()).isEqualTo(3);
        String csv = api().get("/api/v1/projects/" + p + "/export?format=csv", lead).body();
        assertThat(csv.lines().findFirst().orElseThrow()).endsWith(",judgments");
        assertThat(csv).contains(usernameOf(ann) + ":pos;" + usernameOf(bob) + ":pos");
        assertThat(api().get("/api/v1/projects/" + p + "/export?format=jsonl&source=HUMAN", lead).body().lines().count()).isEqualTo(4);
    }

    @Test
    void shouldRefuseAReviewWithAnUnknownLabelOrOfAnUnlabeledItem() {
        long p = project(ADMIN, "TEXT", "pos", "neg");
        api().postRaw("/api/v1/projects/" + p + "/items", ADMIN, "text/csv", "id,text\na,one\n");
        long item = api().get("/api/v1/projects/" + p + "/items?limit=1", ADMIN).json().get(0).get("id").asLong();
        assertThat(api().post("/api/v1/projects/" + p + "/items/" + item + "/review", ADMIN, Map.of("label", "zzz")).status()).isEqualTo(422);
        assertThat(api().post("/api/v1/projects/" + p + "/items/" + item + "/review", ADMIN, Map.of("label", "pos")).status()).isEqualTo(409);
        assertThat(api().post("/api/v1/projects/" + p + "/items/999999999/review", ADMIN, Map.of("label", "pos")).status()).isEqualTo(404);
        assertThat(api().get("/api/v1/projects/" + p + "/review?limit=0", ADMIN).status()).isEqualTo(422);
    }

    private void post(long p, String token, long item, String label) {
        var r = api().post("/api/v1/projects/" + p + "/items/" + item + "/labels", token, Map.of("label", label));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }
}
