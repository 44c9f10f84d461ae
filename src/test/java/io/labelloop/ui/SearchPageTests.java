package io.labelloop.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.labelloop.embedding.EmbeddingJob;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A lead watches the embeddings on the dashboard, then finds items by typing what they mean. */
class SearchPageTests extends BrowserTest {

    private static final String CSV = """
            externalId,text
            box,"The parcel came late and the box was crushed."
            stale,"Stale bread, I will never buy it again."
            rude,"The waiter was rude and ignored us all evening."
            phone,"My phone battery dies after two hours."
            sunny,"Lovely sunny weather for the picnic today."
            food,"The milk went off before the date on the carton."
            """;

    @Autowired
    EmbeddingJob job;

    @Test
    void shouldShowEmbeddingProgressAndFindItemsByMeaning() {
        long p = api().post("/api/v1/projects", ADMIN, java.util.Map.of("name", "search-" + System.nanoTime(), "taskType", "TEXT",
                "labels", java.util.List.of("pos", "neg"), "holdoutFraction", 0)).json().get("id").asLong();
        api().postRaw("/api/v1/projects/" + p + "/items", ADMIN, "text/csv", CSV);
        signIn("admin", ADMIN_PASSWORD);
        page.navigate(url("/projects/" + p));
        assertThat(page.locator("#stat-embeddings")).containsText("0 of 6");
        assertThat(page.locator("#stat-embeddings")).containsText("Waiting for a worker");

        assertThat(job.embedProject(p)).isEqualTo(6);
        page.reload();
        assertThat(page.locator("#stat-embeddings")).containsText("6 of 6");
        assertThat(page.locator("#stat-embeddings")).containsText("Ready");
        screenshot("dashboard-embeddings");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Search").setExact(true)).click();
        page.getByLabel("Phrase").fill("delivery arrived damaged");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
        assertThat(page.locator("#search-results tbody tr").first()).containsText("crushed");
        assertThat(page.locator("#search-state")).containsText("All 6 items can be found");
        screenshot("search-by-meaning");

        page.locator("#search-results tbody tr").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("Stale bread"))
                .getByRole(AriaRole.LINK).click();
        assertThat(page.locator("#results-heading")).containsText("Nearest in meaning to item");
        assertThat(page.locator("#search-results tbody tr").first()).containsText("milk went off");
        assertThat(page.locator("#search-results")).not().containsText("Stale bread");

        // guided labeling: the ticked items go to the head of the queue
        page.locator("#search-results tbody tr").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("milk went off"))
                .getByRole(AriaRole.CHECKBOX).check();
        page.locator("#search-results tbody tr").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("rude"))
                .getByRole(AriaRole.CHECKBOX).check();
        page.locator("#send-to-queue").click();
        assertThat(page.locator("#queued-note")).containsText("2 items sent to the head of the queue");
        assertThat(page.locator("#results-heading")).containsText("Nearest in meaning to item");
        screenshot("search-sent-to-queue");
        var claimed = api().post("/api/v1/projects/" + p + "/queue/claims", ADMIN, java.util.Map.of("count", 2)).json().get("items");
        assertThat(claimed.findValuesAsString("externalId")).containsExactlyInAnyOrder("food", "rude");
        assertThat(consoleErrors).isEmpty();
    }
}
