package io.labelloop.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A 31-column row fits on screen as a grid, the columns the model relies on first; the lead can pin and hide columns. */
class TabularGridTests extends BrowserTest {

    private long thirtyOneColumnProject() {
        long project = api().post("/api/v1/projects", ADMIN, Map.of("name", "wide-" + UUID.randomUUID(), "taskType", "TABULAR",
                "labels", List.of("neg", "pos"))).json().get("id").asLong();
        Random random = new Random(17);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Map<String, Object> features = new LinkedHashMap<>();
            for (int f = 0; f < 31; f++) {
                features.put("f" + f, Math.round(random.nextDouble() * 1000) / 1000.0);
            }
            Map<String, Object> row = new LinkedHashMap<>(Map.of("externalId", "r" + i, "features", features));
            if (i < 80) {
                row.put("label", (double) features.get("f17") > 0.5 ? "pos" : "neg");
            }
            rows.add(row);
        }
        var upload = api().post("/api/v1/projects/" + project + "/items", ADMIN, rows);
        assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
        var trained = api().post("/api/v1/projects/" + project + "/training-runs?wait=true", ADMIN, Map.of());
        assertThat(trained.status()).as(trained.toString()).isEqualTo(200);
        return project;
    }

    @Test
    void shouldShowThirtyOneColumnsAsAGridWithTheFeatureTheModelUsesFirstAndTheLeadsOrder() {
        long project = thirtyOneColumnProject();
        var columns = api().get("/api/v1/projects/" + project + "/feature-columns", ADMIN).json();
        assertThat(columns.get("columns").get(0).get("name").asString()).isEqualTo("f17");
        assertThat(columns.get("columns").get(0).get("importance").asDouble()).isEqualTo(1.0);
        assertThat(columns.get("columns").size()).isEqualTo(31);

        signIn("admin", ADMIN_PASSWORD);
        page.navigate(url("/projects/" + project + "/label"));
        var cells = page.locator(".feature-grid .feature-cell");
        assertThat(cells).hasCount(31);
        assertThat(cells.first().locator("dt")).hasText("f17");
        assertThat(page.locator("#feature-caption")).containsText("model v1");
        var last = cells.last().boundingBox();
        assertThat(last.y + last.height).as("every column above the fold").isLessThan(900);
        screenshot("labeling-tabular-grid");

        var patch = api().patch("/api/v1/projects/" + project, ADMIN, Map.of("featureColumns", List.of("f3", "nope"),
                "hiddenFeatures", List.of("f0")));
        assertThat(patch.status()).as(patch.toString()).isEqualTo(200);
        page.reload();
        assertThat(cells).hasCount(30);
        assertThat(cells.nth(0).locator("dt")).hasText("f3");
        assertThat(cells.nth(1).locator("dt")).hasText("f17");
        assertThat(page.locator(".feature-grid dt").allTextContents()).doesNotContain("f0").contains("f1", "f30");

        page.setViewportSize(390, 844);
        page.reload();
        assertThat(cells).hasCount(30);
        assertThat((Boolean) page.evaluate("() => document.documentElement.scrollWidth <= 390")).isTrue();
        screenshot("labeling-tabular-grid-phone");
        assertThat(consoleErrors).isEmpty();
    }
}
