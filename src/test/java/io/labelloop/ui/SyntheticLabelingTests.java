package io.labelloop.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.labelloop.support.Datasets;
import io.labelloop.support.Datasets.Oracle;
import io.labelloop.training.internal.TrainingScheduler;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** A lead turns synthesis on; an annotator sees which items are synthetic and can reject one with X. */
class SyntheticLabelingTests extends BrowserTest {

    @Autowired
    TrainingScheduler scheduler;

    private final Oracle iris = Datasets.tabular("/learning/iris.csv");

    @Test
    void shouldShowSyntheticItemsForWhatTheyAreAndLetAnAnnotatorRejectOne() {
        long project = api().post("/api/v1/projects", ADMIN, Map.of("name", "iris synthetic", "taskType", "TABULAR",
                "labels", iris.labels(), "holdoutFraction", 0, "batchSize", 10, "synthesisMaxShare", 0.5)).json().get("id").asLong();
        api().postRaw("/api/v1/projects/" + project + "/items", ADMIN, "text/csv", iris.unlabeledCsv());
        scheduler.runDue(project);
        for (JsonNode item : api().post("/api/v1/projects/" + project + "/queue/claims", ADMIN, Map.of("count", 20)).json().get("items")) {
            api().post("/api/v1/projects/" + project + "/items/" + item.get("itemId").asLong() + "/labels", ADMIN,
                    Map.of("label", iris.truth().get(item.get("externalId").asString())));
        }
        signIn("admin", ADMIN_PASSWORD);
        page.navigate(url("/projects/" + project + "/settings"));
        page.getByLabel("Allow synthetic items").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
        scheduler.runDue(project); // the new model brings synthetic items into the queue

        page.navigate(url("/projects/" + project));
        assertThat(page.locator("#stat-synthetic")).not().hasText("0");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Make synthetic items")).click();
        assertThat(page.getByRole(AriaRole.STATUS).first()).isVisible();

        page.navigate(url("/projects/" + project + "/label"));
        var badge = page.locator(".badge-synthetic");
        for (int skips = 0; skips < 40 && badge.count() == 0; skips++) {
            page.locator(".item-title").waitFor();
            String before = page.locator(".item-title").textContent();
            page.keyboard().press("s");
            page.waitForCondition(() -> !page.locator(".item-title").textContent().equals(before));
        }
        assertThat(badge).isVisible();
        assertThat(page.locator(".synthetic-note")).containsText("From items #");
        assertThat(page.locator("#invalid")).isVisible();
        screenshot("labeling-synthetic");
        String title = page.locator(".item-title").textContent();
        page.keyboard().press("x");
        assertThat(page.locator("#status")).containsText("not a valid example");
        assertThat(page.locator(".item-title")).not().hasText(title);
        assertThat(api().get("/api/v1/projects/" + project + "/stats", ADMIN).json().get("syntheticInvalid").asLong()).isEqualTo(1);
        assertThat(consoleErrors).isEmpty();
    }
}
