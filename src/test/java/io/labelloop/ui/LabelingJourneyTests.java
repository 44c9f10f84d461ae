package io.labelloop.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import io.labelloop.training.internal.TrainingScheduler;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** An annotator's day in the browser: sign in, label by keyboard, undo, and watch the model learn. */
class LabelingJourneyTests extends BrowserTest {

    @Autowired
    TrainingScheduler scheduler;

    @Test
    void shouldLabelFiveItemsByKeyboardUndoOneAndShowTheLearningCurve() throws IOException {
        String annotator = "ann-" + UUID.randomUUID().toString().substring(0, 8);
        userWithToken("ANNOTATOR", annotator);
        long project = textProject(annotator, List.of("android", "iphone"), tweets(40), 100);
        scheduler.runDue(project); // the cold-start sample

        signIn(annotator, "password-123");
        assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.LINK,
                new com.microsoft.playwright.Page.GetByRoleOptions().setName("Start labeling"))).isVisible();
        page.navigate(url("/projects/" + project + "/label"));

        Locator heading = page.locator("#item-heading");
        Locator today = page.locator("#today");
        assertThat(heading).containsText("Item ");
        assertThat(page.locator("#why-text")).containsText("diverse starting sample");
        String[] keys = {"1", "2", "1", "2", "1"};
        String lastItem = null;
        for (int i = 0; i < keys.length; i++) {
            lastItem = heading.textContent();
            page.keyboard().press(keys[i]);
            assertThat(today).hasText(String.valueOf(i + 1));
            assertThat(heading).not().hasText(lastItem);
        }
        assertThat(page.locator("#budget-used")).hasText("5 of 100");

        page.keyboard().press("u");
        assertThat(today).hasText("4");
        assertThat(heading).hasText(lastItem);
        assertThat(page.locator("#budget-left")).hasText("96");
        assertThat(page.locator("#status")).containsText("Undone");
        screenshot("labeling-page");

        page.navigate(url("/projects/" + project));
        assertThat(page.locator("#stat-labeled")).hasText("4");
        assertThat(page.locator("#stat-model")).hasText("none yet");
        assertThat(page.locator("form[action$='/train']")).hasCount(0); // annotators do not train

        assertThat(scheduler.runDue(project)).isPositive();
        // the figures refresh themselves (htmx polling); trigger the same request now instead of waiting
        page.evaluate("() => htmx.ajax('GET', location.pathname, {source: '#figures', target: '#figures', select: '#figures', swap: 'outerHTML'})");
        assertThat(page.locator("#stat-model")).hasText("version 1");
        page.reload();
        assertThat(page.locator("#stat-model")).hasText("version 1");
        assertThat(page.locator("canvas#curve")).isVisible();
        assertThat(page.locator("#per-class tbody tr")).hasCount(2);
        assertThat(page.locator("#confusion tbody tr")).hasCount(2);
        assertThat(page.locator("#timings dt").first()).hasText("encode");
        Object curvePoints = page.evaluate("() => Chart.getChart('curve').data.datasets[0].data.length");
        assertThat(((Number) curvePoints).intValue()).isEqualTo(1);
        screenshot("dashboard");

        page.navigate(url("/projects/" + project + "/label"));
        assertThat(page.locator("#bars li")).hasCount(2);
        screenshot("labeling-with-suggestion");
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void shouldNotUndoALabelTheModelHasAlreadyLearnedFrom() throws IOException {
        long project = textProject(null, List.of("android", "iphone"), tweets(20), null);
        signIn("admin", ADMIN_PASSWORD);
        page.navigate(url("/projects/" + project + "/label"));
        Locator today = page.locator("#today");
        String[] keys = {"1", "2", "1", "2"};
        for (int i = 0; i < keys.length; i++) {
            assertThat(page.locator("#item-heading")).containsText("Item ");
            page.keyboard().press(keys[i]);
            assertThat(today).hasText(String.valueOf(i + 1));
        }

        assertThat(scheduler.runDue(project)).isPositive();
        page.keyboard().press("u");

        assertThat(page.locator("#status")).containsText("has already learned from this label");
        assertThat(today).hasText("4");
    }

    @Test
    void shouldMoveOnWithTheReasonWhenTheBudgetIsCutMidSession() throws IOException {
        long project = textProject(null, List.of("android", "iphone"), tweets(10), 3);
        signIn("admin", ADMIN_PASSWORD);
        page.navigate(url("/projects/" + project + "/label"));
        assertThat(page.locator("#item-heading")).containsText("Item ");
        page.keyboard().press("1");
        assertThat(page.locator("#today")).hasText("1");

        var cut = api().patch("/api/v1/projects/" + project, ADMIN, Map.of("budget", 1));
        assertThat(cut.status()).as(cut.toString()).isEqualTo(200);
        Locator heading = page.locator("#item-heading");
        Locator empty = page.locator("#empty");
        for (int i = 0; i < 3; i++) {
            // Between items the heading is briefly "Loading…" or (once the budget is spent) empty.
            page.waitForCondition(() -> empty.isVisible() || heading.textContent().startsWith("Item "));
            if (empty.isVisible()) {
                break;
            }
            String shown = heading.textContent();
            page.keyboard().press("2");
            page.waitForCondition(() -> empty.isVisible() || !shown.equals(heading.textContent()));
        }

        assertThat(page.locator("#empty-reason")).hasText("The project's label budget is spent. A lead can raise it in the project's Settings.");
        assertThat(page.locator("#budget-settings")).hasAttribute("href", "/projects/" + project + "/settings");
        assertThat(page.locator("#budget-settings")).isVisible();
        assertThat(page.locator("#today")).hasText("1");
    }

    @Test
    void shouldShowItemTextAsTextNeverAsMarkup() {
        String attack = "<script>window.__xss = 1</script><img src=x onerror=\"window.__xss = 2\"> & <b>bold</b>\n  indented";
        long project = textProject(null, List.of("<i>ham</i>", "spam"),
                List.of(Map.of("externalId", "evil", "text", attack)), null);

        signIn("admin", ADMIN_PASSWORD);
        page.navigate(url("/projects/" + project + "/label"));

        Locator text = page.locator(".item-text");
        assertThat(text).hasText(attack.replace("\n  ", " ")); // hasText normalises whitespace
        assertThat(text.textContent()).isEqualTo(attack);
        assertThat(page.locator(".item-text script, .item-text img, .item-text b")).hasCount(0);
        assertThat(page.locator(".btn-label").first()).containsText("<i>ham</i>");
        assertThat(page.evaluate("() => window.__xss")).isNull();
        screenshot("labeling-untrusted-text");
    }

    @Test
    void shouldSayWhyTheQueueIsEmpty() {
        long project = textProject(null, List.of("a", "b"), List.of(Map.of("externalId", "only", "text", "just one")), 0);

        signIn("admin", ADMIN_PASSWORD);
        page.navigate(url("/projects/" + project + "/label"));

        assertThat(page.locator("#empty-reason")).hasText("The project's label budget is spent. A lead can raise it in the project's Settings.");
        assertThat(page.locator("#budget-settings")).hasAttribute("href", "/projects/" + project + "/settings");
        assertThat(page.locator("#budget-settings")).isVisible();
        assertThat(page.locator(".btn-label").first()).isDisabled();

        page.navigate(url("/projects/" + project));
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new com.microsoft.playwright.Page.GetByRoleOptions().setName("Train now")).click();
        assertThat(page.locator(".notice-error")).containsText("Not trained: nothing to train on");
    }

    @Test
    void shouldRejectAWrongPasswordAndRenderMissingProjectsAsAPage() {
        page.navigate(url("/login"));
        page.getByLabel("Username").fill("admin");
        page.getByLabel("Password").fill("not-the-password");
        page.locator("button[type=submit]").click();
        assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.ALERT)).containsText("do not match");

        signIn("admin", ADMIN_PASSWORD);
        var response = page.navigate(url("/projects/987654321"));
        assertThat(response.status()).isEqualTo(404);
        assertThat(page.locator("h1")).hasText("Not found");
        assertThat(page.locator(".error-card")).containsText("project 987654321 does not exist");
        screenshot("error-not-found");

        var nowhere = page.navigate(url("/no/such/page"));
        assertThat(nowhere.status()).isEqualTo(404);
        assertThat(page.locator("h1")).hasText("Not found");
    }

    /** A text project (admin-created) with the given items; the member, if any, may label it. */
    private long textProject(String member, List<String> labels, List<Map<String, String>> items, Integer budget) {
        var settings = new java.util.HashMap<String, Object>(Map.of("name", "tweets " + UUID.randomUUID().toString().substring(0, 6),
                "taskType", "TEXT", "labels", labels, "holdoutFraction", 0, "batchSize", 10));
        settings.put("budget", budget);
        var created = api().post("/api/v1/projects", ADMIN, settings);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        if (member != null) {
            var added = api().post("/api/v1/projects/" + id + "/members", ADMIN, Map.of("username", member));
            assertThat(added.status()).as(added.toString()).isBetween(200, 204);
        }
        var upload = api().post("/api/v1/projects/" + id + "/items", ADMIN, items);
        assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
        return id;
    }

    private static List<Map<String, String>> tweets(int n) throws IOException {
        try (var in = LabelingJourneyTests.class.getResourceAsStream("/learning/trump_tweets_device_300.csv");
                var reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            List<Map<String, String>> out = new ArrayList<>();
            for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                if (out.size() == n) {
                    break;
                }
                out.add(Map.of("externalId", r.get("id"), "text", r.get("text")));
            }
            return out;
        }
    }
}
