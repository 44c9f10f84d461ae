package io.labelloop.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.embedding.EmbeddingJob;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Beside a TEXT item the labeling page shows the labeled items nearest in meaning, with their labels, as plain text. */
class SimilarLabeledItemsTests extends BrowserTest {

    private static final String HOSTILE = "<img src=x onerror=alert(1)>";

    @Autowired
    EmbeddingJob job;

    @Test
    void shouldShowTheLabeledItemsNearestInMeaningBesideTheItemEscaped() {
        long project = api().post("/api/v1/projects", ADMIN, Map.of("name", "similar-" + UUID.randomUUID(),
                "taskType", "TEXT", "labels", List.of("pos", "neg"))).json().get("id").asLong();
        var uploaded = api().post("/api/v1/projects/" + project + "/items", ADMIN, List.of(
                Map.of("externalId", "stale", "text", "Stale bread, I will never buy it again. " + HOSTILE),
                Map.of("externalId", "sunny", "text", "Lovely sunny weather for the picnic today."),
                Map.of("externalId", "song", "text", "What a beautiful song, I listen to it every day.", "label", "pos"),
                Map.of("externalId", "food", "text", "The milk went off before the date on the carton.")));
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(200);
        for (String id : List.of("stale", "sunny")) {
            long itemId = itemId(project, id);
            var labeled = api().post("/api/v1/projects/" + project + "/items/" + itemId + "/labels", ADMIN,
                    Map.of("label", id.equals("stale") ? "neg" : "pos"));
            assertThat(labeled.status()).as(labeled.toString()).isIn(200, 201);
        }
        assertThat(job.embedProject(project)).isEqualTo(4);

        var api = api().get("/api/v1/projects/" + project + "/items/" + itemId(project, "food") + "/similar?labeled=true&limit=5",
                ADMIN);
        assertThat(api.status()).as(api.toString()).isEqualTo(200);
        assertThat(api.json().findValuesAsString("externalId")).as("labeled items only: a human's or an imported label")
                .containsExactlyInAnyOrder("stale", "sunny", "song");
        assertThat(api.json().get(0).get("externalId").asString()).isEqualTo("stale");

        signIn("admin", ADMIN_PASSWORD);
        page.navigate(url("/projects/" + project + "/label"));
        assertThat(page.locator("#item-body")).containsText("The milk went off");
        var card = page.locator("#similar");
        assertThat(card).isVisible();
        assertThat(card.locator("li")).hasCount(2); // the song shares no meaning with the milk: left out
        assertThat(card.locator("li").first()).containsText("neg");
        assertThat(card.locator("li").first()).containsText("Stale bread, I will never buy it again. " + HOSTILE);
        assertThat(card.locator("img")).hasCount(0);
        screenshot("labeling-similar");
        page.setViewportSize(390, 844);
        assertThat((Boolean) page.evaluate("() => document.documentElement.scrollWidth <= 390")).isTrue();
        screenshot("labeling-similar-phone");
        assertThat(consoleErrors).isEmpty();
    }

    private long itemId(long project, String externalId) {
        for (var item : api().get("/api/v1/projects/" + project + "/items?limit=100", ADMIN).json()) {
            if (item.get("externalId").asString().equals(externalId)) {
                return item.get("id").asLong();
            }
        }
        throw new AssertionError("no item " + externalId);
    }
}
