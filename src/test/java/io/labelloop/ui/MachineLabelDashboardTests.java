package io.labelloop.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.labelloop.support.Datasets;
import io.labelloop.support.Datasets.Oracle;
import io.labelloop.training.internal.TrainingScheduler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** A lead streams a dataset with a target accuracy: the dashboard shows machine labels, human-queued items and the audit. */
class MachineLabelDashboardTests extends BrowserTest {

    private static final String[] FEATURES = {"sepal_length", "sepal_width", "petal_length", "petal_width"};

    @Autowired
    TrainingScheduler scheduler;

    private final Oracle iris = Datasets.tabular("/learning/iris.csv");

    @Test
    void shouldShowStreamDecisionsAndTheAuditedAccuracyAgainstTheTarget() {
        long project = api().post("/api/v1/projects", ADMIN, Map.of("name", "iris stream", "taskType", "TABULAR",
                "labels", iris.labels(), "holdoutFraction", 0.5, "autoLabelTargetAccuracy", 0.8, "auditFraction", 0.5))
                .json().get("id").asLong();
        List<String> rows = List.of(iris.unlabeledCsv().split("\n"));
        String header = rows.getFirst();
        api().postRaw("/api/v1/projects/" + project + "/items", ADMIN, "text/csv",
                String.join("\n", rows.subList(0, 121)) + "\n");
        scheduler.runDue(project);
        // annotators label what the queue offers, half of it drawn for the holdout: 50 holdout labels, enough
        // for the calibration to certify 80% whichever random items the draws are
        for (int round = 0; round < 5; round++) {
            labelClaimed(project, 20, null);
            scheduler.runDue(project);
        }
        assertThat(api().get("/api/v1/projects/" + project + "/stats", ADMIN).json().get("holdoutLabeled").asLong())
                .isGreaterThan(20);

        List<String> decisions = new ArrayList<>();
        for (String row : rows.subList(121, rows.size())) {
            decisions.add(stream(project, header, row).get("decision").asString());
        }
        assertThat(decisions).contains("AUTO_LABELED");
        assertThat(labelClaimed(project, 50, "AUDIT")).isPositive();

        signIn("admin", ADMIN_PASSWORD);
        page.navigate(url("/projects/" + project));
        var machine = page.locator("#machine-labels");
        assertThat(machine).isVisible();
        assertThat(page.locator("#machine-rule")).containsText("80.0%");
        assertThat(page.locator("#class-thresholds tbody tr").first()).isVisible();
        long auto = decisions.stream().filter("AUTO_LABELED"::equals).count();
        assertThat(page.locator("#stream-auto")).hasText(String.valueOf(auto));
        assertThat(page.locator("#stream-human")).hasText(String.valueOf(decisions.stream().filter("QUEUED"::equals).count()));
        assertThat(page.locator("#audit-accuracy")).containsText("%");
        assertThat(page.locator("#audit-verdict")).containsText("target of 80.0%");
        screenshot("dashboard-machine-labels");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Propagate now")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("The model labeled");
        assertThat(page.locator("#propagation-state")).containsText(java.util.regex.Pattern.compile("labeled \\d+ of [1-9]\\d* pool items"));
        screenshot("dashboard-propagated");
        var csv = api().get("/api/v1/projects/" + project + "/export?format=csv", ADMIN).body();
        assertThat(csv).contains(",AUTO,").contains(",HUMAN,");
        assertThat(consoleErrors).isEmpty();
    }

    /** Claims up to n items and labels those queued for {@code reason} (all if null) as the truth says; returns how many. */
    private int labelClaimed(long project, int n, String reason) {
        int labeled = 0;
        for (JsonNode item : api().post("/api/v1/projects/" + project + "/queue/claims", ADMIN, Map.of("count", n)).json().get("items")) {
            if (reason != null && !reason.equals(item.get("reason").asString())) {
                continue;
            }
            labeled++;
            var r = api().post("/api/v1/projects/" + project + "/items/" + item.get("itemId").asLong() + "/labels", ADMIN,
                    Map.of("label", iris.truth().get(item.get("externalId").asString())));
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
        }
        return labeled;
    }

    private JsonNode stream(long project, String header, String csvRow) {
        String[] names = header.split(",");
        String[] values = csvRow.split(",");
        Map<String, Object> features = new LinkedHashMap<>();
        String externalId = null;
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals("externalId") || names[i].equals("id")) {
                externalId = values[i];
            } else if (List.of(FEATURES).contains(names[i])) {
                features.put(names[i], Double.parseDouble(values[i]));
            }
        }
        var r = api().post("/api/v1/projects/" + project + "/stream", ADMIN, Map.of("externalId", externalId, "features", features));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }
}
