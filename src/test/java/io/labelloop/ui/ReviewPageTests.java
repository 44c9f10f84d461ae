package io.labelloop.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.quality.LabelErrorApiTests;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The review page (issue 18): keyboard first, a lead clears the review queue. */
class ReviewPageTests extends BrowserTest {

    @Test
    void shouldClearTheReviewQueueWithTheKeyboard() {
        long p = api().post("/api/v1/projects", ADMIN, Map.of("name", "review", "taskType", "TEXT", "labels", List.of("pos", "neg"),
                "judgmentsPerItem", 2)).json().get("id").asLong();
        api().postRaw("/api/v1/projects/" + p + "/items", ADMIN, "text/csv", "id,text\na,first <b>item</b>\nb,second item\nc,third\nd,fourth\n");
        List<Long> ids = new ArrayList<>();
        api().get("/api/v1/projects/" + p + "/items?limit=10", ADMIN).json().forEach(i -> ids.add(i.get("id").asLong()));
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        for (String name : List.of("ann", "bob")) {
            String token = userWithToken("ANNOTATOR", name + suffix);
            api().post("/api/v1/projects/" + p + "/members", ADMIN, Map.of("username", name + suffix));
            for (int i = 0; i < ids.size(); i++) {
                String label = i == 3 || name.equals("bob") && i < 2 ? "neg" : "pos";
                assertThat(api().post("/api/v1/projects/" + p + "/items/" + ids.get(i) + "/labels", token, Map.of("label", label)).status())
                        .isEqualTo(201);
            }
        }

        var trained = api().post("/api/v1/projects/" + p + "/training-runs?wait=true", ADMIN, Map.of());
        assertThat(trained.status()).as(trained.toString()).isEqualTo(200);

        signIn("admin", ADMIN_PASSWORD);
        page.navigate(url("/projects/" + p + "/review"));
        assertThat(page.locator("#review-model")).containsText("The latest model says");
        assertThat(page.locator("#review-judgments li")).hasCount(2);
        assertThat(page.locator("#review-suggested")).containsText("neg");
        screenshot("review-page");
        page.keyboard().press("Enter"); // take the suggestion
        assertThat(page.locator("[role=status]")).containsText("neg");
        page.keyboard().press("1"); // "pos" for the second
        assertThat(page.locator("#review-empty")).isVisible();
        assertThat(consoleErrors).isEmpty();

        List<String> methods = new ArrayList<>();
        for (long id : ids.subList(0, 2)) {
            methods.add(api().get("/api/v1/projects/" + p + "/items/" + id, ADMIN).json().get("consensus").get("method").asString());
        }
        assertThat(methods).containsOnly("REVIEWED");
    }

    @Test
    void shouldShowASuspectedErrorWithTheModelsSuggestion() {
        LabelErrorApiTests.Flipped f = LabelErrorApiTests.irisWithOneFlippedLabel(api());
        var trained = api().post("/api/v1/projects/" + f.project() + "/training-runs?wait=true", ADMIN, Map.of());
        assertThat(trained.status()).as(trained.toString()).isEqualTo(200);

        signIn("admin", ADMIN_PASSWORD);
        page.navigate(url("/projects/" + f.project() + "/review"));
        assertThat(page.locator("#review-suggested")).containsText("setosa");
        assertThat(page.locator("main")).containsText("The model suspects the label is wrong");
        screenshot("review-page-suspected-error");
        page.keyboard().press("Enter"); // take the suggestion
        assertThat(page.locator("[role=status]")).containsText("setosa");
        assertThat(consoleErrors).isEmpty();

        var item = api().get("/api/v1/projects/" + f.project() + "/items/" + f.item(), ADMIN).json();
        assertThat(item.get("consensus").get("label").asString()).isEqualTo("setosa");
        for (var e : api().get("/api/v1/projects/" + f.project() + "/review?limit=1000", ADMIN).json()) {
            assertThat(e.get("itemId").asLong()).isNotEqualTo(f.item());
        }
    }
}
