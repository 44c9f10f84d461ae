package io.labelloop.browse;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.support.ApiTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The API beside the My labels page and the dashboard's annotator table. */
class MyLabelsApiTests extends ApiTest {

    @Test
    void shouldListOnlyTheCallersLabelsNewestFirstAndGiveLeadsThePerAnnotatorFigures() {
        long p = project(ADMIN, "TEXT", "ham", "spam");
        api().post("/api/v1/projects/" + p + "/items", ADMIN, List.of(Map.of("externalId", "x1", "text", "one"),
                Map.of("externalId", "x2", "text", "two"), Map.of("externalId", "x3", "text", "three")));
        String name = "ann-" + UUID.randomUUID().toString().substring(0, 8);
        String annotator = userWithToken("ANNOTATOR", name);
        api().post("/api/v1/projects/" + p + "/members", ADMIN, Map.of("username", name));
        JsonNode items = api().post("/api/v1/projects/" + p + "/queue/claims", annotator, Map.of("count", 3)).json().get("items");
        api().post("/api/v1/projects/" + p + "/items/" + items.get(0).get("itemId").asLong() + "/labels", annotator, Map.of("label", "ham"));
        api().post("/api/v1/projects/" + p + "/items/" + items.get(1).get("itemId").asLong() + "/labels", annotator, Map.of("label", "spam"));
        api().post("/api/v1/projects/" + p + "/items/" + items.get(2).get("itemId").asLong() + "/skip", annotator, Map.of());

        JsonNode mine = api().get("/api/v1/projects/" + p + "/labels/mine", annotator).json();
        assertThat(mine.get("labels")).hasSize(2);
        assertThat(mine.get("labels").get(0).get("itemId").asLong()).isEqualTo(items.get(1).get("itemId").asLong());
        assertThat(mine.get("labels").get(0).get("label").asString()).isEqualTo("spam");
        assertThat(api().get("/api/v1/projects/" + p + "/labels/mine", ADMIN).json().get("labels")).isEmpty();
        assertThat(api().get("/api/v1/projects/" + p + "/labels/mine?before=garbage", annotator).status()).isEqualTo(422);

        JsonNode figures = api().get("/api/v1/projects/" + p + "/annotators", ADMIN).json();
        assertThat(figures).hasSize(1);
        assertThat(figures.get(0).get("username").asString()).isEqualTo(name);
        assertThat(figures.get(0).get("labels").asLong()).isEqualTo(2);
        assertThat(figures.get(0).get("skips").asLong()).isEqualTo(1);
        assertThat(api().get("/api/v1/projects/" + p + "/annotators", annotator).status()).isEqualTo(403);
    }
}
