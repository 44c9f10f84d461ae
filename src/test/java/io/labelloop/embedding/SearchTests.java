package io.labelloop.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.support.ApiTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Search by meaning through the API: a phrase or an item finds the items that say the same in other words. */
class SearchTests extends ApiTest {

    private static final String CSV = """
            externalId,text,label
            box,"The parcel came late and the box was crushed.",
            stale,"Stale bread, I will never buy it again.",neg
            rude,"The waiter was rude and ignored us all evening.",
            phone,"My phone battery dies after two hours.",
            sunny,"Lovely sunny weather for the picnic today.",
            train,"The train was cancelled so I missed my meeting.",
            food,"The milk went off before the date on the carton.",
            song,"What a beautiful song, I listen to it every day.",
            """;

    @Autowired
    EmbeddingJob job;

    @Test
    void shouldFindTheItemsThatMeanThePhraseWithoutSharingItsWords() {
        long p = embeddedProject();
        JsonNode hits = search(p, "delivery arrived damaged", 3);
        assertThat(hits.size()).isEqualTo(3);
        assertThat(hits.get(0).get("externalId").asString()).isEqualTo("box");
        assertThat(hits.get(0).get("text").asString()).contains("crushed");
        assertThat(hits.get(0).get("similarity").asDouble()).isGreaterThan(hits.get(2).get("similarity").asDouble());

        JsonNode groceries = search(p, "the food had gone bad", 3);
        assertThat(groceries.findValuesAsString("externalId")).contains("stale", "food");
        for (JsonNode hit : groceries) {
            String expected = hit.get("externalId").asString().equals("stale") ? "neg" : null;
            assertThat(hit.get("label").asString(null)).as("the imported label comes with the hit").isEqualTo(expected);
        }
    }

    @Test
    void shouldListTheItemsMostSimilarToAnItemWithoutTheItemItself() {
        long p = embeddedProject();
        long stale = itemId(p, "stale");
        var r = api().get("/api/v1/projects/" + p + "/items/" + stale + "/similar?limit=7", ADMIN);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().size()).isEqualTo(7);
        assertThat(r.json().get(0).get("externalId").asString()).isEqualTo("food");
        assertThat(r.json().findValuesAsString("externalId")).doesNotContain("stale");
    }

    @Test
    void shouldAnswerProblemDetailsForBadSearchesInsteadOfAServerError() {
        long p = embeddedProject();
        assertThat(api().get("/api/v1/projects/" + p + "/items/search?q=%20", ADMIN).status()).isEqualTo(422);
        assertThat(api().get("/api/v1/projects/" + p + "/items/search", ADMIN).status()).isEqualTo(422);
        assertThat(api().get("/api/v1/projects/" + p + "/items/search?q=x&limit=0", ADMIN).status()).isEqualTo(422);
        assertThat(api().get("/api/v1/projects/" + p + "/items/search?q=x&limit=abc", ADMIN).status()).isEqualTo(400);
        assertThat(api().get("/api/v1/projects/" + p + "/items/987654321/similar", ADMIN).status()).isEqualTo(404);

        api().postRaw("/api/v1/projects/" + p + "/items", ADMIN, "text/csv", "externalId,text\nlate,arrived after the others\n");
        var notYet = api().get("/api/v1/projects/" + p + "/items/" + itemId(p, "late") + "/similar", ADMIN);
        assertThat(notYet.status()).isEqualTo(409);
        assertThat(notYet.json().get("detail").asString()).contains("not embedded yet");

        long tabular = project(ADMIN, "TABULAR", "a", "b");
        var wrongType = api().get("/api/v1/projects/" + tabular + "/items/search?q=x", ADMIN);
        assertThat(wrongType.status()).isEqualTo(409);
        assertThat(wrongType.contentType()).contains("application/problem+json");
    }

    @Test
    void shouldShowAHumanLabelOnAHitOnceAnAnnotatorGaveIt() {
        long p = embeddedProject();
        long rude = itemId(p, "rude");
        var labeled = api().post("/api/v1/projects/" + p + "/items/" + rude + "/labels", ADMIN, Map.of("label", "neg"));
        assertThat(labeled.status()).as(labeled.toString()).isIn(200, 201);
        JsonNode hits = search(p, "impolite staff in the restaurant", 1);
        assertThat(hits.get(0).get("itemId").asLong()).isEqualTo(rude);
        assertThat(hits.get(0).get("label").asString()).isEqualTo("neg");
    }

    private long embeddedProject() {
        long p = project(ADMIN, "TEXT", "pos", "neg");
        var r = api().postRaw("/api/v1/projects/" + p + "/items", ADMIN, "text/csv", CSV);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(job.embedProject(p)).isEqualTo(8);
        return p;
    }

    private JsonNode search(long p, String q, int limit) {
        var r = api().get("/api/v1/projects/" + p + "/items/search?limit=" + limit + "&q="
                + URLEncoder.encode(q, StandardCharsets.UTF_8), ADMIN);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private long itemId(long p, String externalId) {
        JsonNode hits = search(p, externalId, EmbeddingSearch.MAX_LIMIT);
        for (JsonNode h : hits) {
            if (h.get("externalId").asString().equals(externalId)) {
                return h.get("itemId").asLong();
            }
        }
        return api().post("/api/v1/projects/" + p + "/stream", ADMIN, Map.of("externalId", externalId, "text", "-"))
                .json().get("itemId").asLong();
    }
}
