package io.labelloop.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import com.microsoft.playwright.options.LoadState;
import io.labelloop.support.Datasets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The "done when", as a test: one project of each task type the issue names (pixel-feature digits with
 * 10 labels, 32x32 PNGs, 31-column tabular rows, long texts): the labeling page of each, and the dashboard, item
 * browser and my labels of two (and the text project's search by meaning), at desktop and phone width, light and dark: no critical or serious axe-core finding, no
 * page wider than the screen, and a screenshot of each in {@code target/screenshots/tour-*.png}.
 */
class EveryTaskTypeTourTests extends BrowserTest {

    private long created(Map<String, Object> settings) {
        var created = api().post("/api/v1/projects", ADMIN, settings);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private void labelTwo(long project, String first, String second) {
        JsonNode items = api().post("/api/v1/projects/" + project + "/queue/claims", ADMIN, Map.of("count", 2)).json().get("items");
        api().post("/api/v1/projects/" + project + "/items/" + items.get(0).get("itemId").asLong() + "/labels", ADMIN, Map.of("label", first));
        api().post("/api/v1/projects/" + project + "/items/" + items.get(1).get("itemId").asLong() + "/labels", ADMIN, Map.of("label", second));
    }

    private Map<String, Long> projects() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        Map<String, Long> out = new LinkedHashMap<>();
        long digits = created(Map.of("name", "digits " + tag, "taskType", "IMAGE",
                "labels", IntStream.rangeClosed(0, 9).mapToObj(String::valueOf).toList(), "holdoutFraction", 0));
        api().postRaw("/api/v1/projects/" + digits + "/items", ADMIN, "text/csv",
                Datasets.tabular("/learning/sklearn_digits_8x8_300.csv").unlabeledCsv());
        out.put("digits", digits);

        long images = created(Map.of("name", "png " + tag, "taskType", "IMAGE", "labels", List.of("ring", "dot"), "holdoutFraction", 0));
        List<Map<String, String>> pngs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            pngs.add(Map.of("externalId", "img-" + i, "image", LabelingKeysAndImagesTests.png(32)));
        }
        api().post("/api/v1/projects/" + images + "/items", ADMIN, pngs);
        out.put("png32", images);

        long tabular = created(Map.of("name", "tabular " + tag, "taskType", "TABULAR", "labels", List.of("benign", "malignant"),
                "holdoutFraction", 0));
        StringBuilder csv = new StringBuilder("externalId");
        for (int f = 0; f < 31; f++) {
            csv.append(",mean_radius_like_feature_").append(f);
        }
        csv.append('\n');
        Random random = new Random(5);
        for (int i = 0; i < 40; i++) {
            csv.append("row-").append(i);
            for (int f = 0; f < 31; f++) {
                csv.append(',').append(Math.round(random.nextGaussian() * 1000) / 100.0);
            }
            csv.append('\n');
        }
        api().postRaw("/api/v1/projects/" + tabular + "/items", ADMIN, "text/csv", csv.toString());
        out.put("tabular31", tabular);

        long texts = created(Map.of("name", "long texts " + tag, "taskType", "TEXT", "labels", List.of("relevant", "off-topic"),
                "holdoutFraction", 0));
        List<Map<String, String>> longTexts = new ArrayList<>();
        String paragraph = "The committee met on Tuesday to discuss the budget for the coming year, and after a long debate about "
                + "priorities, the members agreed that maintenance of the existing buildings should come first. ";
        for (int i = 0; i < 4; i++) {
            longTexts.add(Map.of("externalId", "doc-" + i, "text", "Document " + i + ". " + paragraph.repeat(25)
                    + "Averyveryveryveryveryveryveryveryveryveryveryveryveryveryverylongwordwithoutanybreak."));
        }
        api().post("/api/v1/projects/" + texts + "/items", ADMIN, longTexts);
        out.put("longtext", texts);

        labelTwo(digits, "3", "7");
        labelTwo(images, "ring", "dot");
        labelTwo(tabular, "benign", "malignant");
        labelTwo(texts, "relevant", "off-topic");
        return out;
    }

    @Test
    void shouldShowEveryTaskTypesPagesReadablyWithNoSeriousAxeFindingAtDesktopAndPhoneInLightAndDarkMode() throws Exception {
        Map<String, Long> projects = projects();
        signIn("admin", ADMIN_PASSWORD);
        List<String> findings = new ArrayList<>();
        List<String> overflowing = new ArrayList<>();
        for (ColorScheme scheme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
            page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(scheme));
            for (int width : new int[] {1366, 390}) {
                page.setViewportSize(width, width == 390 ? 844 : 900);
                for (var project : projects.entrySet()) {
                    // the labeling page differs by task type; the others differ little, so two types suffice there
                    List<String> views = switch (project.getKey()) {
                        case "longtext" -> List.of("label", "dashboard", "items", "mine", "search"); // search: TEXT only
                        case "digits" -> List.of("label", "dashboard", "items", "mine");
                        default -> List.of("label");
                    };
                    for (String view : views) {
                        String path = "/projects/" + project.getValue() + (view.equals("dashboard") ? "" : "/" + view);
                        page.navigate(url(path));
                        page.waitForLoadState(LoadState.NETWORKIDLE);
                        if (view.equals("label")) {
                            assertThat(page.locator("#item-body")).not().isEmpty();
                        }
                        findings.addAll(seriousAxeFindings(page).stream().map(f -> scheme + " " + width + " " + f).toList());
                        Number scrollWidth = (Number) page.evaluate("() => document.documentElement.scrollWidth");
                        if (scrollWidth.intValue() > width) {
                            overflowing.add(scheme + " " + path + " is " + scrollWidth + " px wide at " + width + " px");
                        }
                        screenshot("tour-" + scheme.name().toLowerCase() + "-" + (width == 390 ? "phone" : "desktop") + "-"
                                + project.getKey() + "-" + view);
                    }
                }
            }
        }
        page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.DARK));
        page.navigate(url("/"));
        assertThat(page.locator("html")).hasCSS("background-color", "rgb(15, 20, 26)");
        assertThat(findings).as("critical and serious axe-core findings").isEmpty();
        assertThat(overflowing).as("pages wider than the screen").isEmpty();
        assertThat(consoleErrors).isEmpty();
    }
}
