package io.labelloop.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every page, at desktop width and on a 390 px phone: no critical or serious axe-core finding (axe-core
 * 4.6.3 from its WebJar), and nothing wider than the screen (the dashboard was 478 px wide in a 390 px
 * screen, the upload page's file field and tabs were cut off). Screenshots: {@code phone-*.png}.
 */
class AccessibilityTests extends BrowserTest {

    private long trainedTabularProject() {
        var created = api().post("/api/v1/projects", ADMIN, Map.of("name", "a11y", "taskType", "TABULAR",
                "labels", List.of("neg", "pos"), "holdoutFraction", 0.2));
        long project = created.json().get("id").asLong();
        StringBuilder csv = new StringBuilder("externalId");
        for (int f = 0; f < 31; f++) {
            csv.append(",feature_with_a_long_name_").append(f);
        }
        csv.append('\n');
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 200; i++) {
            csv.append("row-").append(i);
            for (int f = 0; f < 31; f++) {
                csv.append(',').append(random.nextInt(100));
            }
            csv.append('\n');
        }
        api().postRaw("/api/v1/projects/" + project + "/items", ADMIN, "text/csv", csv.toString());
        for (int round = 0; round < 3; round++) {
            JsonNode items = api().post("/api/v1/projects/" + project + "/queue/claims", ADMIN, Map.of("count", 10)).json().get("items");
            for (JsonNode item : items) {
                api().post("/api/v1/projects/" + project + "/items/" + item.get("itemId").asLong() + "/labels", ADMIN,
                        Map.of("label", item.get("features").get("feature_with_a_long_name_0").asDouble() > 50 ? "pos" : "neg"));
            }
        }
        var trained = api().post("/api/v1/projects/" + project + "/training-runs?wait=true", ADMIN, Map.of());
        assertThat(trained.status()).as(trained.toString()).isEqualTo(200);
        return project;
    }

    @Test
    void shouldHaveNoCriticalOrSeriousAxeFindingAndNoOverflowOnAnyPageAtDesktopAndPhoneWidth() {
        long project = trainedTabularProject();
        long labeled = api().get("/api/v1/projects/" + project + "/items/browse?source=HUMAN&limit=1", ADMIN).json()
                .get("items").get(0).get("itemId").asLong();
        List<String> pages = List.of("/", "/projects/new", "/projects/" + project, "/projects/" + project + "/label",
                "/projects/" + project + "/upload", "/projects/" + project + "/settings", "/projects/" + project + "/members", "/projects/" + project + "/webhooks",
                "/projects/" + project + "/items", "/projects/" + project + "/items/" + labeled,
                "/projects/" + project + "/review",
                "/admin/users", "/account/tokens", "/projects/999999");
        List<String> findings = new ArrayList<>();
        List<String> overflowing = new ArrayList<>();

        page.navigate(url("/login"));
        findings.addAll(seriousAxeFindings(page));
        signIn("admin", ADMIN_PASSWORD);
        for (int width : new int[] {1366, 390}) {
            page.setViewportSize(width, width == 390 ? 844 : 900);
            for (String path : pages) {
                page.navigate(url(path));
                page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
                findings.addAll(seriousAxeFindings(page));
                Number scrollWidth = (Number) page.evaluate("() => document.documentElement.scrollWidth");
                if (scrollWidth.intValue() > width) {
                    overflowing.add(path + " is " + scrollWidth + " px wide at " + width + " px: " + page.evaluate("""
                            () => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth
                                && e.parentElement.getBoundingClientRect().right <= innerWidth)
                                .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().width)).slice(0, 6).join('; ')"""));
                }
            }
        }
        page.navigate(url("/projects/" + project));
        screenshot("phone-dashboard");
        page.navigate(url("/projects/" + project + "/upload"));
        screenshot("phone-upload");
        page.navigate(url("/projects/" + project + "/label"));
        screenshot("phone-label");

        assertThat(findings).as("critical and serious axe-core findings").isEmpty();
        assertThat(overflowing).as("pages wider than the screen").isEmpty();
    }
}
