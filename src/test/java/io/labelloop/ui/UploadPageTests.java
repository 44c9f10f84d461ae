package io.labelloop.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A lead uploads a file in the browser and reads which rows were rejected and why. */
class UploadPageTests extends BrowserTest {

    @Test
    void shouldUploadACsvAndListTheRejectedRows() {
        var created = api().post("/api/v1/projects", ADMIN, Map.of("name", "upload", "taskType", "TEXT", "labels", List.of("ham", "spam")));
        long project = created.json().get("id").asLong();
        String csv = """
                id,text,label
                a1,first message,
                a2,,ham
                a3,"<img src=x onerror=""window.__xss=1"">",
                a4,fourth,eggs
                """;

        signIn("admin", ADMIN_PASSWORD);
        page.navigate(url("/projects/" + project));
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Upload")).click();
        page.getByLabel("File").setInputFiles(new FilePayload("items.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload")).click();

        assertThat(page.locator("#report-created")).hasText("2");
        assertThat(page.locator("#report-received")).hasText("4");
        assertThat(page.locator("#report-rejected")).hasText("2");
        assertThat(page.locator("#rejections-body tr")).hasCount(2);
        assertThat(page.locator("#rejections-body tr").first()).containsText("missing text");
        assertThat(page.locator("#rejections-body tr").nth(1)).containsText("unknown label 'eggs'");
        assertThat(page.locator("#upload-state")).hasText("Done.");
        assertThat(page.locator("progress#upload-meter")).hasAttribute("value", "100");
        screenshot("upload-report");
        assertThat(api().get("/api/v1/projects/" + project + "/stats", ADMIN).json().get("items").asLong()).isEqualTo(2);

        page.navigate(url("/projects/" + project + "/label"));
        assertThat(page.locator(".item-text")).isVisible();
        assertThat(page.evaluate("() => window.__xss")).isNull();
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void shouldRefuseACsvOfTheWrongShapeWithOneMessageNamingTheMissingColumn() {
        var created = api().post("/api/v1/projects", ADMIN, Map.of("name", "wrong shape", "taskType", "TEXT", "labels", List.of("ham", "spam")));
        long project = created.json().get("id").asLong();
        StringBuilder csv = new StringBuilder("id,label");
        java.util.stream.IntStream.range(0, 64).forEach(i -> csv.append(",p").append(i));
        java.util.stream.IntStream.range(0, 1000).forEach(r -> csv.append('\n').append(r).append(",3").append(",0".repeat(64)));

        signIn("admin", ADMIN_PASSWORD);
        page.navigate(url("/projects/" + project + "/upload"));
        page.getByLabel("File").setInputFiles(new FilePayload("digits.csv", "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8)));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload")).click();

        var state = page.locator("#upload-state");
        assertThat(state).containsText("The upload failed");
        assertThat(state).containsText("it needs a 'text' column, and the header has id, label, p0, p1, p2, p3, p4, p5, … (66 columns)");
        assertThat(state).hasClass(java.util.regex.Pattern.compile("notice-error"));
        assertThat(page.locator("progress#upload-meter")).isHidden();
        assertThat(page.locator("#report")).isHidden();
        screenshot("upload-wrong-shape");
        assertThat(api().get("/api/v1/projects/" + project + "/stats", ADMIN).json().get("items").asLong()).isZero();
    }
}
