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
import tools.jackson.databind.JsonNode;

/** "My labels": an annotator sees their recent labels and changes, takes back or flags one, under the API's budget rules. */
class MyLabelsTests extends BrowserTest {

    private record Setup(long project, String annotator, String token, List<Long> labeled) {
    }

    /** A project with a budget of 3, all spent by one annotator on items a, b, c (in that order). */
    private Setup annotatorWithThreeLabels() {
        long p = api().post("/api/v1/projects", ADMIN, Map.of("name", "mine-" + UUID.randomUUID(), "taskType", "TEXT",
                "labels", List.of("ham", "spam"), "budget", 3, "holdoutFraction", 0)).json().get("id").asLong();
        List<Map<String, String>> items = new ArrayList<>();
        for (String id : List.of("a", "b", "c", "d", "e")) {
            items.add(Map.of("externalId", id, "text", "message " + id + " <b>bold?</b>"));
        }
        api().post("/api/v1/projects/" + p + "/items", ADMIN, items);
        String name = "ann-" + UUID.randomUUID().toString().substring(0, 8);
        String token = userWithToken("ANNOTATOR", name);
        api().post("/api/v1/projects/" + p + "/members", ADMIN, Map.of("username", name));
        List<Long> labeled = new ArrayList<>();
        for (String id : List.of("a", "b", "c")) {
            long itemId = api().get("/api/v1/projects/" + p + "/items/browse?q=" + id, ADMIN).json().get("items").get(0).get("itemId").asLong();
            var r = api().post("/api/v1/projects/" + p + "/items/" + itemId + "/labels", token, Map.of("label", "ham"));
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            labeled.add(itemId);
        }
        return new Setup(p, name, token, labeled);
    }

    private JsonNode stats(long p) {
        return api().get("/api/v1/projects/" + p + "/stats", ADMIN).json();
    }

    @Test
    void shouldListAnAnnotatorsLabelsNewestFirstAndChangeOneWithNoBudgetLeft() {
        Setup s = annotatorWithThreeLabels();
        assertThat(stats(s.project()).get("budgetRemaining").asLong()).isZero();

        signIn(s.annotator(), "password-123");
        page.navigate(url("/projects/" + s.project()));
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("My labels")).click();
        assertThat(page.locator("#my-labels > li")).hasCount(3);
        assertThat(page.locator("#my-labels > li").first()).containsText("c");
        assertThat(page.locator("#my-labels > li").first()).containsText("message c <b>bold?</b>");
        screenshot("my-labels");

        page.locator("#my-labels > li").first().getByRole(AriaRole.COMBOBOX).selectOption("spam");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change the label of c")).click();
        assertThat(page.locator("#mine-done")).hasText("Item " + s.labeled().get(2) + " is now labeled spam.");
        assertThat(page.locator("#my-labels > li").first()).containsText("c");
        assertThat(page.locator("#my-labels > li").first().locator("select")).hasValue("spam");
        JsonNode after = stats(s.project());
        assertThat(after.get("budgetUsed").asLong()).as("a change costs no budget, as in the API").isEqualTo(3);
        var item = api().get("/api/v1/projects/" + s.project() + "/items/" + s.labeled().get(2), ADMIN).json();
        assertThat(item.toString()).contains("spam");
    }

    @Test
    void shouldGiveTheBudgetBackWhenAnAnnotatorTakesALabelBackAndListFlagsTheySent() {
        Setup s = annotatorWithThreeLabels();
        signIn(s.annotator(), "password-123");
        page.setViewportSize(390, 844);
        page.navigate(url("/projects/" + s.project() + "/mine"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Take back your label of a")).click();
        assertThat(page.locator("#mine-done")).containsText("taken back");
        assertThat(page.locator("#my-labels > li")).hasCount(2);
        assertThat(stats(s.project()).get("budgetRemaining").asLong()).isEqualTo(1);

        var row = page.locator("#my-labels > li").first();
        row.locator("summary").click();
        row.getByLabel("Problem with this item").check();
        row.getByLabel("Note (optional)").fill("not sure it is <i>ham</i>");
        row.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Send flag")).click();
        assertThat(page.locator("#mine-done")).containsText("flagged for the lead");
        assertThat(page.locator("#my-labels > li").first()).containsText("flagged by you");
        screenshot("phone-my-labels");
        Number width = (Number) page.evaluate("() => document.documentElement.scrollWidth");
        assertThat(width.intValue()).isLessThanOrEqualTo(390);
        var flags = api().get("/api/v1/projects/" + s.project() + "/items/" + s.labeled().get(2) + "/flags", ADMIN).json();
        assertThat(flags.get(0).get("kind").asString()).isEqualTo("PROBLEM");
        assertThat(flags.get(0).get("note").asString()).isEqualTo("not sure it is <i>ham</i>");
    }

    @Test
    void shouldNoLongerListALabelALeadReplacedAndSayWhyAChangeIsRefused() {
        Setup s = annotatorWithThreeLabels();
        var relabel = api().post("/api/v1/projects/" + s.project() + "/items/" + s.labeled().get(0) + "/relabel", ADMIN,
                Map.of("label", "spam"));
        assertThat(relabel.status()).as(relabel.toString()).isIn(200, 201);
        signIn(s.annotator(), "password-123");
        page.navigate(url("/projects/" + s.project() + "/mine"));
        assertThat(page.locator("#my-labels > li")).hasCount(2);
        assertThat(page.locator("#my-labels")).not().containsText("message a");

        // the lead takes the item away meanwhile: the page says what the API would say
        api().post("/api/v1/projects/" + s.project() + "/items/" + s.labeled().get(1) + "/relabel", ADMIN, Map.of("label", "spam"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Take back your label of b")).click();
        assertThat(page.locator("#mine-problem")).containsText("does not exist");
        assertThat(page.locator("#my-labels > li")).hasCount(1);
        assertThat(stats(s.project()).get("budgetUsed").asLong()).isEqualTo(3);
    }
}
