package io.labelloop.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import io.labelloop.training.internal.TrainingScheduler;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A new team from nothing to a learning model, all in the browser: a lead creates a text project, uploads
 * 300 tweets from the shared datasets and adds an annotator, who labels 30 of them by keyboard; the
 * dashboard shows the model learning.
 */
class NewTeamJourneyTests extends BrowserTest {

    @Autowired
    TrainingScheduler scheduler;

    @Test
    void shouldTakeANewTeamFromUploadToALearningModelInTheBrowser() throws IOException {
        String lead = "lead-" + UUID.randomUUID().toString().substring(0, 8);
        String annotator = "ann-" + UUID.randomUUID().toString().substring(0, 8);
        userWithToken("LEAD", lead);
        userWithToken("ANNOTATOR", annotator);
        Map<String, String> truth = new HashMap<>();
        String unlabeledCsv = tweetsWithoutLabels(truth);

        signIn(lead, "password-123");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New project")).click();
        field("Name").fill("Tweet devices");
        field("Labels").fill("android\niphone");
        field("Budget").fill("200");
        field("Retrain every").fill("10");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create project")).click();
        assertThat(page.locator("h1")).hasText("Tweet devices");
        String projectPath = java.net.URI.create(page.url()).getPath();
        long project = Long.parseLong(projectPath.substring(projectPath.lastIndexOf('/') + 1));

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Upload")).click();
        page.getByLabel("File").setInputFiles(new FilePayload("trump_tweets_device_300.csv", "text/csv",
                unlabeledCsv.getBytes(StandardCharsets.UTF_8)));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload")).click();
        assertThat(page.locator("#report-created")).hasText("300");
        screenshot("journey-upload");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Members")).click();
        page.getByLabel("Username").fill(annotator);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add").setExact(true)).click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText(annotator + " is now a member");
        scheduler.runDue(project); // what the scheduled job does within seconds: the cold-start sample

        context.clearCookies();
        signIn(annotator, "password-123");
        page.navigate(url(projectPath + "/label"));
        Locator heading = page.locator("#item-heading");
        boolean suggested = false;
        for (int i = 0; i < 30; i++) {
            assertThat(heading).containsText("Item ");
            if (i >= 20 && !suggested && page.locator("#why-text").textContent().contains("strategy")) {
                // an item the model ranked, not a holdout draw or a fallback (those come without a suggestion)
                assertThat(page.locator("#bars li")).hasCount(2);
                suggested = true;
            }
            String current = heading.textContent();
            String externalId = current.substring("Item ".length()).strip();
            page.keyboard().press("iphone".equals(truth.get(externalId)) ? "2" : "1");
            assertThat(page.locator("#today")).hasText(String.valueOf(i + 1));
            if ((i + 1) % 10 == 0) {
                scheduler.runDue(project);
            }
        }
        assertThat(page.locator("#budget-used")).hasText("30 of 200");
        assertThat(suggested).as("the model's suggestion was shown on a ranked item").isTrue();
        screenshot("journey-labeling");

        page.navigate(url(projectPath));
        assertThat(page.locator("#stat-labeled")).hasText("30");
        int points = ((Number) page.evaluate("() => Chart.getChart('curve').data.datasets[0].data.length")).intValue();
        assertThat(points).isGreaterThanOrEqualTo(2);
        assertThat(page.locator("#per-class tbody tr")).hasCount(2);
        screenshot("journey-dashboard");
        assertThat(consoleErrors).isEmpty();
    }

    private Locator field(String label) {
        return page.getByLabel(label, new Page.GetByLabelOptions().setExact(true));
    }

    /** The 300-tweet slice of ../shared/data without its label column; the labels go to {@code truth}. */
    private static String tweetsWithoutLabels(Map<String, String> truth) throws IOException {
        var out = new StringWriter();
        try (var in = NewTeamJourneyTests.class.getResourceAsStream("/learning/trump_tweets_device_300.csv");
                var printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
            printer.printRecord("externalId", "text");
            for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                printer.printRecord(r.get("id"), r.get("text"));
                truth.put(r.get("id"), r.get("label"));
            }
        }
        assertThat(truth).hasSize(300);
        assertThat(List.copyOf(truth.values())).contains("android", "iphone");
        return out.toString();
    }
}
