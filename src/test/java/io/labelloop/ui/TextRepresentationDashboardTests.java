package io.labelloop.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.embedding.EmbeddingJob;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The dashboard says what a TEXT model learns from: n-grams while the embeddings are computed, then both. */
class TextRepresentationDashboardTests extends BrowserTest {

    private static final String CSV = """
            externalId,text
            box,"The parcel came late and the box was crushed."
            stale,"Stale bread, I will never buy it again."
            rude,"The waiter was rude and ignored us all evening."
            lovely,"Lovely sunny weather for the picnic today."
            great,"Great service, friendly staff, we will come back."
            fresh,"The strawberries were fresh and sweet."
            """;

    @Autowired
    EmbeddingJob job;

    @Test
    void shouldSayTheModelLearnsFromNgramsUntilTheEmbeddingsAreReadyThenFromBoth() {
        long p = api().post("/api/v1/projects", ADMIN, Map.of("name", "representation-" + System.nanoTime(),
                "taskType", "TEXT", "labels", List.of("pos", "neg"), "holdoutFraction", 0)).json().get("id").asLong();
        api().postRaw("/api/v1/projects/" + p + "/items", ADMIN, "text/csv", CSV);
        api().post("/api/v1/projects/" + p + "/training-runs?wait=true", ADMIN, Map.of());
        JsonNode claimed = api().post("/api/v1/projects/" + p + "/queue/claims", ADMIN, Map.of("count", 6)).json().get("items");
        for (JsonNode item : claimed) {
            String id = item.get("externalId").asString();
            String label = List.of("box", "stale", "rude").contains(id) ? "neg" : "pos";
            api().post("/api/v1/projects/" + p + "/items/" + item.get("itemId").asLong() + "/labels", ADMIN, Map.of("label", label));
        }
        assertThat(api().post("/api/v1/projects/" + p + "/training-runs?wait=true", ADMIN, Map.of()).status()).isEqualTo(200);
        signIn("admin", ADMIN_PASSWORD);
        page.navigate(url("/projects/" + p));
        assertThat(page.locator("#stat-text-representation")).containsText("Model v1 learns from n-grams until every item is embedded");

        job.embedProject(p);
        assertThat(api().post("/api/v1/projects/" + p + "/training-runs?wait=true", ADMIN, Map.of()).status()).isEqualTo(200);
        page.reload();
        assertThat(page.locator("#stat-text-representation")).containsText("Model v2 learns from n-grams and sentence embeddings");
        assertThat(page.locator("#stat-model-family")).containsText("LINEAR over BOTH");
        screenshot("dashboard-text-representation");

        page.navigate(url("/projects/" + p + "/settings"));
        page.getByLabel("Text representation").selectOption("BOTH");
        screenshot("settings-text-representation");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new com.microsoft.playwright.Page.GetByRoleOptions().setName("Save settings")).click();
        assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.STATUS)).hasText("Settings saved.");
        assertThat(api().get("/api/v1/projects/" + p, ADMIN).json().get("textRepresentation").asString()).isEqualTo("BOTH");
        assertThat(consoleErrors).isEmpty();
    }
}
