package io.labelloop.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A lead writes instructions and what each label means; annotators read them beside the item, as plain text. */
class AnnotatorGuideTests extends BrowserTest {

    private static final String HOSTILE = "<img src=x onerror=alert(1)><script>alert(2)</script>";

    @Test
    void shouldShowTheLeadsInstructionsAndLabelDescriptionsEscapedAndCollapsibleByKeyboard() {
        long project = api().post("/api/v1/projects", ADMIN, Map.of("name", "guide-" + UUID.randomUUID(),
                "taskType", "TEXT", "labels", List.of("ham", "spam"))).json().get("id").asLong();
        api().post("/api/v1/projects/" + project + "/items", ADMIN,
                List.of(Map.of("externalId", "a", "text", "cheap meds now"), Map.of("externalId", "b", "text", "lunch at 1?")));

        signIn("admin", ADMIN_PASSWORD);
        page.navigate(url("/projects/" + project + "/settings"));
        page.getByLabel("Instructions for annotators").fill("Read the whole message.\n\nWhen in doubt, skip. " + HOSTILE);
        page.getByLabel("What each label means").fill("spam: Mail nobody asked for.\nExamples: \"You won!\", \"Cheap meds\"\n"
                + "ham: Mail the person wanted " + HOSTILE);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save settings")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Settings saved.");
        var stored = api().get("/api/v1/projects/" + project, ADMIN).json();
        assertThat(stored.get("labelDescriptions").get("spam").asString())
                .isEqualTo("Mail nobody asked for.\nExamples: \"You won!\", \"Cheap meds\"");

        page.navigate(url("/projects/" + project + "/label"));
        var guide = page.locator("#guide");
        assertThat(guide).hasAttribute("open", "");
        assertThat(page.locator("#instructions")).containsText("When in doubt, skip. " + HOSTILE);
        assertThat(page.locator("#guide img")).hasCount(0);
        assertThat(page.locator("#guide script")).hasCount(0);
        var spam = page.locator("button.btn-label[data-label='spam']");
        assertThat(spam).hasAttribute("aria-describedby", "label-description-1");
        assertThat(page.locator("#label-description-1")).containsText("Examples: \"You won!\", \"Cheap meds\"");
        assertThat(page.locator("#label-description-1").innerText()).startsWith("Mail nobody asked for.\nExamples");
        screenshot("labeling-guide");

        assertThat(spam).isEnabled(); // the page's script has run and shown the first item
        page.locator("body").click(new com.microsoft.playwright.Locator.ClickOptions().setPosition(1, 1));
        page.keyboard().press("?");
        assertThat(guide).not().hasAttribute("open", "");
        page.reload();
        assertThat(guide).not().hasAttribute("open", "");
        page.locator("#guide summary").focus();
        page.keyboard().press("Enter");
        assertThat(guide).hasAttribute("open", "");

        page.setViewportSize(390, 844);
        assertThat((Boolean) page.evaluate("() => document.documentElement.scrollWidth <= 390")).isTrue();
        screenshot("labeling-guide-phone");
        assertThat(consoleErrors).isEmpty();
    }
}
