package io.labelloop.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.support.Rings;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A lead's dashboard says which model family the project got without anyone choosing it, and why. */
class ModelFamilyDashboardTests extends BrowserTest {

    /** The rings ({@link Rings}) with each point's ring as its imported label. */
    private static String labeledRingsCsv(int n) {
        StringBuilder csv = new StringBuilder("externalId,x,y,noise,label\n");
        for (Rings.Point point : Rings.points(n, 17)) {
            csv.append(point.csvRow()).append(',').append(point.ring()).append('\n');
        }
        return csv.toString();
    }

    @Test
    void shouldShowTheNonLinearFamilyChosenAutomaticallyAndItsReasonOnTheDashboard() {
        var created = api().post("/api/v1/projects", ADMIN, Map.of("name", "rings-" + System.nanoTime(),
                "taskType", "TABULAR", "labels", List.of("ring0", "ring1", "ring2"), "retrainEvery", 1000,
                "holdoutFraction", 0));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long p = created.json().get("id").asLong();
        var upload = api().postRaw("/api/v1/projects/" + p + "/items", ADMIN, "text/csv", labeledRingsCsv(180));
        assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
        var run = api().post("/api/v1/projects/" + p + "/training-runs?wait=true", ADMIN, Map.of());
        assertThat(run.status()).as(run.toString()).isEqualTo(200);
        String family = api().get("/api/v1/projects/" + p + "/models", ADMIN).json().get(0).get("family").asString();
        assertThat(family).isIn("KERNEL", "TREES");

        signIn("admin", ADMIN_PASSWORD);
        page.navigate(url("/projects/" + p));
        assertThat(page.locator("#stat-model-family")).containsText(family);
        assertThat(page.locator("#stat-model-family")).containsText(Pattern.compile("chosen automatically: CV log-loss .* vs LINEAR"));
        screenshot("dashboard-model-family-nonlinear");
        assertThat(consoleErrors).isEmpty();
    }
}
