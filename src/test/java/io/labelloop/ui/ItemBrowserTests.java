package io.labelloop.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A lead finds an item among many, reads who labeled it what and when, and relabels it. */
class ItemBrowserTests extends BrowserTest {

    @Test
    void shouldFindAnItemByTextFilterByLabelPageOnAndRelabelItWithItsHistory() {
        long p = api().post("/api/v1/projects", ADMIN, Map.of("name", "browse-" + UUID.randomUUID(), "taskType", "TEXT",
                "labels", List.of("ham", "spam"))).json().get("id").asLong();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            rows.add(Map.of("externalId", "m" + i, "text", i == 42 ? "win a <b>free</b> cruise now" : "lunch plans number " + i));
        }
        api().post("/api/v1/projects/" + p + "/items", ADMIN, rows);
        String name = "ann-" + UUID.randomUUID().toString().substring(0, 8);
        String annotator = userWithToken("ANNOTATOR", name);
        api().post("/api/v1/projects/" + p + "/members", ADMIN, Map.of("username", name));
        long cruise = api().get("/api/v1/projects/" + p + "/items/browse?q=m42", ADMIN).json().get("items").get(0).get("itemId").asLong();
        api().post("/api/v1/projects/" + p + "/items/" + cruise + "/labels", annotator, Map.of("label", "ham"));

        signIn("admin", ADMIN_PASSWORD);
        page.navigate(url("/projects/" + p));
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Items").setExact(true)).click();
        assertThat(page.locator("#items-table tbody tr")).hasCount(50);
        page.locator("#next-page").click();
        assertThat(page.locator("#items-table tbody tr")).hasCount(50);
        page.locator("#next-page").click();
        assertThat(page.locator("#items-table tbody tr")).hasCount(20);
        assertThat(page.locator("#next-page")).hasCount(0);
        screenshot("items-browser-last-page");

        page.locator("#first-page").click();
        page.getByLabel("Text, id or external id").fill("free</b> CRUISE");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Find")).click();
        assertThat(page.locator("#items-table tbody tr")).hasCount(1);
        assertThat(page.locator("#items-table tbody tr")).containsText("win a <b>free</b> cruise now");
        assertThat(page.locator("#items-table b")).hasCount(0);
        page.getByLabel("Text, id or external id").fill("");
        page.getByLabel("Source of the label").selectOption("HUMAN");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Find")).click();
        assertThat(page.locator("#items-table tbody tr")).hasCount(1);
        assertThat(page.locator("#items-table tbody tr")).containsText(name);
        screenshot("items-browser");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Open item m42")).click();
        assertThat(page.locator("#label-events li")).hasCount(1);
        assertThat(page.locator("#label-events")).containsText(name + " labeled it ham");
        page.locator("form.relabel").getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("spam")).click();
        assertThat(page.locator("#relabeled")).hasText("Labeled spam.");
        assertThat(page.locator("#label-events li")).hasCount(2);
        assertThat(page.locator("#label-events li").first()).containsText("admin changed it to spam");
        screenshot("item-history");
        assertThat(api().get("/api/v1/projects/" + p + "/items/browse?label=spam", ADMIN).json().get("items")).hasSize(1);

        page.setViewportSize(390, 844);
        page.navigate(url("/projects/" + p + "/items"));
        assertThat((Boolean) page.evaluate("() => document.documentElement.scrollWidth <= 390")).isTrue();
        screenshot("items-browser-phone");
        assertThat(consoleErrors).isEmpty();
    }
}
