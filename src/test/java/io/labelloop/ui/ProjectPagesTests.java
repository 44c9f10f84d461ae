package io.labelloop.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.options.AriaRole;
import io.labelloop.support.Datasets;
import io.labelloop.support.Datasets.Oracle;
import io.labelloop.support.ProjectApi;
import io.labelloop.training.internal.TrainingScheduler;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Tabular and image items, a dashboard with several model versions, a lead's Train now, a phone-sized screen. */
class ProjectPagesTests extends BrowserTest {

    @Autowired
    TrainingScheduler scheduler;

    private final Oracle iris = Datasets.tabular("/learning/iris.csv");

    @Test
    void shouldShowTabularRowsAsATableAndTheCurveOverSeveralVersions() {
        long project = irisProject();
        scheduler.runDue(project); // a cold-start sample that covers every class
        for (int round = 0; round < 3; round++) {
            labelByOracle(project, 10);
            scheduler.runDue(project);
        }

        signIn("admin", ADMIN_PASSWORD);
        assertThat(page.locator(".project-card").first()).isVisible();
        screenshot("home");
        page.navigate(url("/projects/" + project));
        Object points = page.evaluate("() => Chart.getChart('curve').data.datasets[0].data.length");
        assertThat(((Number) points).intValue()).isEqualTo(3);
        assertThat(page.locator("#per-class tbody tr")).hasCount(3);
        assertThat(page.locator("#stat-model-family")).containsText("Model: ");
        assertThat(page.locator("#stat-model-family")).containsText("(chosen automatically: CV log-loss ");
        screenshot("dashboard-three-versions");

        var download = page.waitForDownload(() -> page.getByRole(AriaRole.LINK,
                new com.microsoft.playwright.Page.GetByRoleOptions().setName("Export CSV")).click());
        assertThat(download.suggestedFilename()).isEqualTo("project-" + project + "-labels.csv");
        List<String> rows = readLines(download.path());
        assertThat(rows.getFirst()).startsWith("externalId,label,source");
        assertThat(rows).hasSize(31);
        var jsonl = page.waitForDownload(() -> page.getByRole(AriaRole.LINK,
                new com.microsoft.playwright.Page.GetByRoleOptions().setName("Export JSONL")).click());
        assertThat(readLines(jsonl.path())).hasSize(30);
        assertThat(page.locator("#versions tbody tr")).hasCount(3);
        var onnx = page.waitForDownload(() -> page.locator("#download-onnx-1").click());
        assertThat(onnx.suggestedFilename()).isEqualTo("labelloop-project-" + project + "-model-1.onnx");
        var modelJson = page.waitForDownload(() -> page.locator("#download-json-3").click());
        assertThat(String.join("\n", readLines(modelJson.path()))).contains("\"format\":\"labelloop-model\"");

        page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Train now")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Training started");
        // the labeling page opens on the queue of the model Train now trained (an item claimed while the
        // cycle refills the queue comes from the fallback, without the model's suggestion)
        long until = System.currentTimeMillis() + 60_000;
        while (api().get("/api/v1/projects/" + project + "/stats", ADMIN).json().get("modelVersion").asInt() < 4
                && System.currentTimeMillis() < until) {
            page.waitForTimeout(200);
        }

        page.navigate(url("/projects/" + project + "/label"));
        assertThat(page.locator(".feature-grid .feature-cell")).hasCount(4);
        assertThat(page.locator("#bars li")).hasCount(3);
        screenshot("labeling-tabular");

        page.setViewportSize(390, 844);
        page.reload();
        assertThat(page.locator(".feature-grid")).isVisible();
        screenshot("labeling-narrow");
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void shouldDrawANewModelIntoTheOpenDashboardWithoutAReload() {
        long project = irisProject();
        scheduler.runDue(project);
        labelByOracle(project, 10);
        scheduler.runDue(project);
        signIn("admin", ADMIN_PASSWORD);
        page.navigate(url("/projects/" + project));
        assertThat(page.locator("#stat-model")).hasText("version 1");
        page.evaluate("() => { window.stillTheSamePage = true; }");

        labelByOracle(project, 10);
        scheduler.runDue(project);
        page.waitForCondition(() -> ((Number) page.evaluate("() => Chart.getChart('curve')?.data.datasets[0].data.length ?? 0"))
                .intValue() == 2, new com.microsoft.playwright.Page.WaitForConditionOptions().setTimeout(40_000));
        assertThat(page.locator("#stat-model")).hasText("version 2");
        assertThat(page.evaluate("() => window.stillTheSamePage")).isEqualTo(true);
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void shouldShowImageItemsThroughTheSession() throws IOException {
        var created = api().post("/api/v1/projects", ADMIN, Map.of("name", "shapes", "taskType", "IMAGE", "labels", List.of("dark", "light")));
        long project = created.json().get("id").asLong();
        var upload = api().post("/api/v1/projects/" + project + "/items", ADMIN,
                List.of(Map.of("externalId", "square", "image", png())));
        assertThat(upload.status()).as(upload.toString()).isEqualTo(200);

        signIn("admin", ADMIN_PASSWORD);
        page.navigate(url("/projects/" + project + "/label"));

        var image = page.locator("img.item-image");
        assertThat(image).hasAttribute("alt", "Item square");
        assertThat(image).hasAttribute("src", java.util.regex.Pattern.compile("^/projects/" + project + "/items/\\d+/image$"));
        page.waitForCondition(() -> ((Number) image.evaluate("img => img.naturalWidth")).intValue() == 48);
        screenshot("labeling-image");
    }

    private static List<String> readLines(java.nio.file.Path file) {
        try {
            return java.nio.file.Files.readAllLines(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String png() throws IOException {
        BufferedImage img = new BufferedImage(48, 48, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(new Color(15, 118, 110));
        g.fillRect(0, 0, 48, 48);
        g.setColor(Color.WHITE);
        g.fillOval(12, 12, 24, 24);
        g.dispose();
        var out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    private long irisProject() {
        return irisProject(iris, Map.of()).id();
    }

    private void labelByOracle(long project, int n) {
        projectApi(project).labelClaim(n, ProjectApi.byExternalId(iris.truth()));
    }
}
