package io.labelloop.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import io.labelloop.support.Datasets;
import io.labelloop.training.internal.TrainingScheduler;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every item readable (pixel values drawn as a picture, small images enlarged) and every label one key away. */
class LabelingKeysAndImagesTests extends BrowserTest {

    private static final List<String> DIGITS = IntStream.rangeClosed(0, 9).mapToObj(String::valueOf).toList();

    @Autowired
    TrainingScheduler scheduler;

    @Test
    void shouldDrawPixelValuesAsALargePictureAtDesktopAndPhoneWidth() {
        long project = digitsProject();
        signIn("admin", ADMIN_PASSWORD);
        page.navigate(url("/projects/" + project + "/label"));

        Locator picture = page.locator("canvas.item-picture");
        assertThat(picture).isVisible();
        assertThat(picture).hasAttribute("width", "8");
        assertThat(picture).hasAttribute("height", "8");
        assertThat(page.locator("table.features")).hasCount(0);
        assertThat(page.locator(".item-body")).not().containsText("p63");
        assertThat(picture.boundingBox().width).isBetween(256.0, 330.0);
        assertThat(picture.boundingBox().height).isEqualTo(picture.boundingBox().width);
        assertThat(picture.evaluate("c => getComputedStyle(c).imageRendering")).isEqualTo("pixelated");
        assertThat(inkShare(picture)).as("share of dark pixels").isBetween(0.15, 0.85);
        screenshot("labeling-digit-desktop");

        page.setViewportSize(390, 844);
        page.reload();
        assertThat(picture).isVisible();
        assertThat(picture.boundingBox().width).isBetween(256.0, 330.0);
        assertThat(picture.boundingBox().x + picture.boundingBox().width).isLessThanOrEqualTo(390.0);
        assertThat((Boolean) page.evaluate("() => document.documentElement.scrollWidth <= 390")).isTrue();
        screenshot("labeling-digit-phone");
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void shouldEnlargeASmallUploadedImageAndZoomItByButtonKeyAndWheel() throws IOException {
        var created = api().post("/api/v1/projects", ADMIN, Map.of("name", "tiny", "taskType", "IMAGE", "labels", List.of("ring", "dot")));
        long project = created.json().get("id").asLong();
        var upload = api().post("/api/v1/projects/" + project + "/items", ADMIN, List.of(Map.of("externalId", "ring", "image", png(32))));
        assertThat(upload.status()).as(upload.toString()).isEqualTo(200);

        signIn("admin", ADMIN_PASSWORD);
        page.navigate(url("/projects/" + project + "/label"));

        Locator image = page.locator("img.item-image");
        page.waitForCondition(() -> image.boundingBox() != null && image.boundingBox().width >= 256);
        double fitted = image.boundingBox().width;
        assertThat(fitted).isBetween(256.0, 330.0);
        screenshot("labeling-small-image");

        page.keyboard().press("+");
        page.waitForCondition(() -> image.boundingBox().width > fitted * 1.4);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new com.microsoft.playwright.Page.GetByRoleOptions().setName("Fit the image to the box")).click();
        page.waitForCondition(() -> Math.abs(image.boundingBox().width - fitted) < 1);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new com.microsoft.playwright.Page.GetByRoleOptions().setName("Zoom in")).click();
        page.waitForCondition(() -> image.boundingBox().width > fitted * 1.4);

        Locator stage = page.locator(".viewer-stage");
        stage.focus();
        page.keyboard().press("ArrowDown");
        page.waitForCondition(() -> ((Number) stage.evaluate("s => s.scrollTop")).intValue() > 0);
        stage.hover();
        page.mouse().wheel(0, 200);
        page.waitForCondition(() -> Math.abs(image.boundingBox().width - fitted) < 1);
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void shouldPutDigitLabelsOnTheirOwnDigit() {
        long project = digitsProject();
        signIn("admin", ADMIN_PASSWORD);
        page.navigate(url("/projects/" + project + "/label"));

        for (String digit : DIGITS) {
            Locator button = page.locator(".btn-label[data-label='" + digit + "']");
            assertThat(button.locator("kbd")).hasText(digit);
            assertThat(button).hasAttribute("data-key", digit);
        }
        assertThat(page.locator("#item-heading")).containsText("Item ");
        page.keyboard().press("0");
        assertThat(page.locator("#status")).containsText("Labeled 0.");
        assertThat(page.locator("#item-heading")).containsText("Item ");
        page.keyboard().press("9");
        assertThat(page.locator("#status")).containsText("Labeled 9.");
        assertThat(page.locator("#today")).hasText("2");
    }

    @Test
    void shouldGiveEachOfTwelveLabelsAKeyAndTakeTheLeadsOwnKeys() {
        List<String> labels = List.of("cat", "dog", "cow", "hen", "pig", "fox", "owl", "bee", "ant", "eel", "yak", "emu");
        long project = textProject(labels, 5);
        signIn("admin", ADMIN_PASSWORD);
        page.navigate(url("/projects/" + project + "/label"));

        List<String> keys = page.locator(".btn-label kbd").allTextContents();
        assertThat(keys).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "A", "B");
        assertThat(page.locator("#item-heading")).containsText("Item ");
        page.keyboard().press("b");
        assertThat(page.locator("#status")).containsText("Labeled emu.");

        var own = api().patch("/api/v1/projects/" + project, ADMIN, Map.of("labelKeys", Map.of("emu", "e", "cat", "c")));
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        var taken = api().patch("/api/v1/projects/" + project, ADMIN, Map.of("labelKeys", Map.of("emu", "s")));
        assertThat(taken.status()).isEqualTo(422);
        assertThat(taken.body()).contains("labelKeys").contains("taken by the page");
        page.reload();
        assertThat(page.locator(".btn-label[data-label='emu'] kbd")).hasText("E");
        assertThat(page.locator(".btn-label[data-label='cat'] kbd")).hasText("C");
        assertThat(page.locator(".btn-label kbd")).hasCount(12);
        assertThat(page.locator("#item-heading")).containsText("Item ");
        page.keyboard().press("e");
        assertThat(page.locator("#status")).containsText("Labeled emu.");
        assertThat(page.locator("#today")).hasText("2");
    }

    @Test
    void shouldLetTheLeadSetKeysInTheSettingsForm() {
        long project = textProject(List.of("ham", "spam"), 3);
        signIn("admin", ADMIN_PASSWORD);
        page.navigate(url("/projects/" + project + "/settings"));
        page.getByLabel("Keys (optional)").fill("spam = x");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new com.microsoft.playwright.Page.GetByRoleOptions().setName("Save settings")).click();
        assertThat(page.locator("#labelKeys-error")).containsText("taken by the page");

        page.getByLabel("Keys (optional)").fill("spam = p\nham = h");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new com.microsoft.playwright.Page.GetByRoleOptions().setName("Save settings")).click();
        page.navigate(url("/projects/" + project + "/label"));
        assertThat(page.locator(".btn-label[data-label='spam'] kbd")).hasText("P");
        assertThat(page.locator(".btn-label[data-label='ham'] kbd")).hasText("H");
    }

    @Test
    void shouldFindOneOfManyLabelsByTyping() {
        List<String> labels = IntStream.range(0, 60).mapToObj(i -> "species-" + (1000 + i)).toList();
        long project = textProject(labels, 3);
        signIn("admin", ADMIN_PASSWORD);
        page.navigate(url("/projects/" + project + "/label"));

        assertThat(page.locator("#item-heading")).containsText("Item ");
        page.keyboard().press("/");
        page.keyboard().type("1057");
        assertThat(page.locator(".btn-label:visible")).hasCount(1);
        page.keyboard().press("Enter");
        assertThat(page.locator("#status")).containsText("Labeled species-1057.");
        assertThat(page.locator(".btn-label:visible")).hasCount(60);
    }

    @Test
    void shouldAcceptTheModelsSuggestionWithEnter() {
        long project = textProject(List.of("ham", "spam"), 12);
        signIn("admin", ADMIN_PASSWORD);
        page.navigate(url("/projects/" + project + "/label"));
        for (String key : List.of("1", "2", "1", "2")) {
            assertThat(page.locator("#item-heading")).containsText("Item ");
            String before = page.locator("#today").textContent();
            page.keyboard().press(key);
            assertThat(page.locator("#today")).not().hasText(before);
        }
        assertThat(scheduler.runDue(project)).isPositive();

        page.reload();
        Locator accept = page.locator("#accept");
        assertThat(accept).isEnabled();
        String suggested = page.locator("#accept-label").textContent();
        assertThat(suggested).isIn("ham", "spam");
        assertThat(page.locator(".btn-label.suggested")).hasAttribute("data-label", suggested);
        page.keyboard().press("Enter");
        assertThat(page.locator("#status")).containsText("Labeled " + suggested + ".");
        assertThat(page.locator("#today")).hasText("5");
        assertThat(consoleErrors).isEmpty();
    }

    /** Share of the picture's pixels drawn darker than mid-grey: a digit is partly ink, never all or nothing. */
    private static double inkShare(Locator canvas) {
        Object share = canvas.evaluate("""
                c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                       let dark = 0; for (let i = 0; i < d.length; i += 4) if (d[i] < 128) dark++;
                       return dark / (d.length / 4); }""");
        return ((Number) share).doubleValue();
    }

    private long digitsProject() {
        var created = api().post("/api/v1/projects", ADMIN, Map.of("name", "digits " + UUID.randomUUID().toString().substring(0, 6),
                "taskType", "IMAGE", "labels", DIGITS, "holdoutFraction", 0));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        String csv = Datasets.tabular("/learning/sklearn_digits_8x8_300.csv").unlabeledCsv();
        var upload = api().postRaw("/api/v1/projects/" + id + "/items", ADMIN, "text/csv", csv);
        assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
        return id;
    }

    private long textProject(List<String> labels, int items) {
        var settings = new HashMap<String, Object>(Map.of("name", "keys " + UUID.randomUUID().toString().substring(0, 6),
                "taskType", "TEXT", "labels", labels, "holdoutFraction", 0, "batchSize", 10));
        var created = api().post("/api/v1/projects", ADMIN, settings);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        List<Map<String, String>> upload = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            upload.add(Map.of("externalId", "t" + i, "text", (i % 2 == 0 ? "cheap pills buy now " : "lunch at noon with the team ") + i));
        }
        assertThat(api().post("/api/v1/projects/" + id + "/items", ADMIN, upload).status()).isEqualTo(200);
        return id;
    }

    static String png(int side) throws IOException {
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, side, side);
        g.setColor(new Color(15, 118, 110));
        g.fillOval(side / 4, side / 4, side / 2, side / 2);
        g.dispose();
        var out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }
}
