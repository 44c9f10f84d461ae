package io.labelloop.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An annotator flags an item with a note from the labeling page; the lead finds it in the item browser and resolves it. */
class FlagTests extends BrowserTest {

    @Test
    void shouldLetAnAnnotatorFlagAnItemWithANoteThatTheLeadFindsAndResolves() {
        long p = api().post("/api/v1/projects", ADMIN, Map.of("name", "flags-" + UUID.randomUUID(), "taskType", "TEXT",
                "labels", List.of("ham", "spam"))).json().get("id").asLong();
        api().post("/api/v1/projects/" + p + "/items", ADMIN, List.of(Map.of("externalId", "odd", "text", "is this even English?")));
        String name = "ann-" + UUID.randomUUID().toString().substring(0, 8);
        userWithToken("ANNOTATOR", name);
        api().post("/api/v1/projects/" + p + "/members", ADMIN, Map.of("username", name));

        signIn(name, "password-123");
        page.navigate(url("/projects/" + p + "/label"));
        assertThat(page.locator("#item-body")).containsText("is this even English?");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Flag").setExact(true)).click();
        assertThat(page.getByLabel("Unsure")).isFocused();
        page.getByLabel("Problem with this item").check();
        page.getByLabel("Note (optional)").fill("Half of it is <i>Dutch</i>.");
        screenshot("labeling-flag-form");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send flag")).click();
        assertThat(page.locator("#status")).hasText("Flagged for the lead.");
        assertThat(page.locator("#flag-form")).isHidden();
        assertThat(page.locator("#item-body")).containsText("is this even English?");
        assertThat(consoleErrors).isEmpty();

        var flagged = api().get("/api/v1/projects/" + p + "/items/browse?flagged=true", ADMIN).json().get("items");
        assertThat(flagged).hasSize(1);
        assertThat(flagged.get(0).get("flags").asInt()).isEqualTo(1);

        page.navigate(url("/logout"));
        context.clearCookies();
        signIn("admin", ADMIN_PASSWORD);
        page.navigate(url("/projects/" + p + "/items?flagged=true"));
        assertThat(page.locator("#items-table tbody tr")).hasCount(1);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Open item odd")).click();
        assertThat(page.locator("#flags li")).containsText("Problem with this item");
        assertThat(page.locator("#flags li")).containsText(name);
        assertThat(page.locator("#flags li")).containsText("Half of it is <i>Dutch</i>.");
        screenshot("item-flags");
        page.locator("#resolve-flags").click();
        assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("1 flag resolved");
        assertThat(page.locator("#flags li")).containsText("resolved by admin");
        assertThat(page.locator("#resolve-flags")).hasCount(0);
        assertThat(api().get("/api/v1/projects/" + p + "/items/browse?flagged=true", ADMIN).json().get("items")).isEmpty();
    }
}
