package io.labelloop.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A lead's dashboard says which model family the project got without anyone choosing it, and why. */
class ModelFamilyDashboardTests extends BrowserTest {

    /** Three concentric rings (x, y) and a noise column, labeled by ring: no line separates the classes. */
    private static String labeledRingsCsv(int n) {
        Random rnd = new Random(17);
        StringBuilder csv = new StringBuilder("externalId,x,y,noise,label\n");
        for (int i = 0; i < n; i++) {
            int ring = i % 3;
            double r = 1.5 * ring + rnd.nextDouble(), a = rnd.nextDouble() * 2 * Math.PI;
            csv.append("r").append(i).append(',').append(r * Math.cos(a)).append(',').append(r * Math.sin(a)).append(',')
                    .append(rnd.nextGaussian()).append(",ring").append(ring).append('\n');
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
