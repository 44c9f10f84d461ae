package io.labelloop.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A lead creates and edits a project in the browser; each problem is named next to its field. */
class ProjectFormTests extends BrowserTest {

    @Test
    void shouldShowFieldErrorsThenCreateAndEditAProject() {
        String lead = "lead-" + UUID.randomUUID().toString().substring(0, 8);
        userWithToken("LEAD", lead);
        signIn(lead, "password-123");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New project")).click();
        field("Labels").fill("only-one");
        field("Holdout share").fill("0.95");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create project")).click();

        assertThat(page.locator("#name-error")).hasText("must not be blank");
        assertThat(page.locator("#labels-error")).hasText("must name 2 to 1000 labels");
        assertThat(page.locator("#holdoutFraction-error")).hasText("must be at most 0.9");
        assertThat(field("Labels")).hasValue("only-one");
        screenshot("project-form-errors");

        String name = "reviews " + UUID.randomUUID().toString().substring(0, 6);
        field("Name").fill(name);
        field("Labels").fill("positive\nnegative\nneutral");
        field("Holdout share").fill("0.2");
        field("Budget").fill("200");
        page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("margin")).check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create project")).click();

        assertThat(page.locator("h1")).hasText(name);
        assertThat(page.locator("#stat-budget-left")).hasText("200");
        long id = Long.parseLong(page.url().replaceAll(".*/projects/(\\d+).*", "$1"));
        var project = api().get("/api/v1/projects/" + id, ADMIN).json();
        assertThat(project.get("strategy").asString()).isEqualTo("MARGIN");
        assertThat(project.get("holdoutFraction").asDouble()).isEqualTo(0.2);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Settings")).click();
        assertThat(field("Task type")).isDisabled();
        field("Labels").fill("positive\nneutral");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save settings")).click();
        assertThat(page.locator("#labels-error")).containsText("labels may only grow");

        field("Labels").fill("positive\nnegative\nneutral\nmixed");
        field("Budget").fill("50");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save settings")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Settings saved.");
        assertThat(page.locator("#stat-budget-left")).hasText("50");
        assertThat(api().get("/api/v1/projects/" + id, ADMIN).json().get("labels").size()).isEqualTo(4);
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void shouldSayWhatATargetAccuracyNeedsAndApplyASuggestedSettingThatWorks() {
        String lead = "lead-" + UUID.randomUUID().toString().substring(0, 8);
        userWithToken("LEAD", lead);
        signIn(lead, "password-123");

        page.navigate(url("/projects/new"));
        field("Name").fill("certify " + UUID.randomUUID().toString().substring(0, 6));
        field("Labels").fill("ham\nspam");
        field("Budget").fill("130");
        field("Holdout share").fill("0.1");
        field("Target accuracy").fill("0.9");

        assertThat(page.locator("#cert-needs")).containsText("at least 36 holdout items");
        assertThat(page.locator("#cert-gives")).containsText("at most 13 holdout labels");
        assertThat(page.locator("#cert-verdict")).containsText("Not enough");
        screenshot("project-form-certification");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create project")).click();
        assertThat(page.locator("#autoLabelTargetAccuracy-error")).containsText("needs at least 36 holdout labels");
        assertThat(page.locator("#cert-verdict")).containsText("Not enough");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Holdout share 0.28")).click();
        assertThat(field("Holdout share")).hasValue("0.28");
        assertThat(page.locator("#cert-gives")).containsText("at most 36 holdout labels");
        assertThat(page.locator("#cert-verdict")).containsText("almost no errors");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create project")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("saved");
        long id = Long.parseLong(page.url().replaceAll(".*/projects/(\\d+).*", "$1"));
        assertThat(api().get("/api/v1/projects/" + id, ADMIN).json().get("holdoutFraction").asDouble()).isEqualTo(0.28);

        page.navigate(url("/projects/" + id + "/settings"));
        assertThat(page.locator("#cert-needs")).containsText("at least 36 holdout items");
        page.setViewportSize(390, 800);
        screenshot("project-form-certification-phone");
        assertThat(consoleErrors).isEmpty();
    }

    private com.microsoft.playwright.Locator field(String label) {
        return page.getByLabel(label, new Page.GetByLabelOptions().setExact(true));
    }

    @Test
    void shouldNotLetAnnotatorsCreateProjects() {
        String annotator = "ann-" + UUID.randomUUID().toString().substring(0, 8);
        userWithToken("ANNOTATOR", annotator);
        signIn(annotator, "password-123");

        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New project"))).hasCount(0);
        var response = page.navigate(url("/projects/new"));
        assertThat(response.status()).isEqualTo(403);
        assertThat(page.locator("h1")).hasText("You do not have access to this");
    }
}
