package io.labelloop.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.labelloop.learning.HoldoutAccuracy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The accuracy the dashboard and the API report is the model's accuracy on unseen items: measured on the random
 * holdout (however small), with its exact 95% interval and how it was measured.
 */
class DashboardAccuracyTests extends BrowserTest {

    /** Items on a plane, {@code pos} above x + y = 1, none closer to the line than 0.15 (a linear model gets them all). */
    private static Map<String, Object> point(Random random, String id) {
        double x;
        double y;
        do {
            x = random.nextDouble();
            y = random.nextDouble();
        } while (Math.abs(x + y - 1) < 0.15);
        return Map.of("externalId", id, "features", Map.of("x", x, "y", y), "truth", x + y > 1 ? "pos" : "neg");
    }

    /** A project whose 60 labels (a third of them holdout: fewer than the 30 evaluation needs) trained one model. */
    private long trainedProject(Random random) {
        var created = api().post("/api/v1/projects", ADMIN, Map.of("name", "accuracy", "taskType", "TABULAR",
                "labels", List.of("neg", "pos"), "holdoutFraction", 0.3));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long project = created.json().get("id").asLong();
        Map<String, String> truth = new HashMap<>();
        StringBuilder csv = new StringBuilder("externalId,x,y\n");
        for (int i = 0; i < 400; i++) {
            Map<String, Object> p = point(random, "p" + i);
            @SuppressWarnings("unchecked") Map<String, Double> f = (Map<String, Double>) p.get("features");
            csv.append("p").append(i).append(',').append(f.get("x")).append(',').append(f.get("y")).append('\n');
            truth.put("p" + i, (String) p.get("truth"));
        }
        api().postRaw("/api/v1/projects/" + project + "/items", ADMIN, "text/csv", csv.toString());
        int labeled = 0;
        while (labeled < 60) {
            JsonNode items = api().post("/api/v1/projects/" + project + "/queue/claims", ADMIN, Map.of("count", 10)).json().get("items");
            for (JsonNode item : items) {
                api().post("/api/v1/projects/" + project + "/items/" + item.get("itemId").asLong() + "/labels", ADMIN,
                        Map.of("label", truth.get(item.get("externalId").asString())));
                labeled++;
            }
        }
        var trained = api().post("/api/v1/projects/" + project + "/training-runs?wait=true", ADMIN, Map.of());
        assertThat(trained.status()).as(trained.toString()).isEqualTo(200);
        return project;
    }

    @Test
    void shouldReportTheHoldoutAccuracyWithItsExactIntervalInStatsAndModelsEvenBelowThirtyHoldoutLabels() {
        Random random = new Random(17);
        long project = trainedProject(random);

        JsonNode stats = api().get("/api/v1/projects/" + project + "/stats", ADMIN).json();
        int n = stats.get("accuracyEvaluatedOn").asInt();
        assertThat(n).as("every holdout label, none of the training ones").isEqualTo(stats.get("holdoutLabeled").asInt())
                .isBetween(12, 29);
        assertThat(stats.get("evaluationMethod").asString()).isEqualTo("HOLDOUT");
        assertThat(stats.get("accuracyInterval").asString()).isEqualTo("CLOPPER_PEARSON_95");
        double accuracy = stats.get("accuracy").asDouble();
        HoldoutAccuracy expected = HoldoutAccuracy.of(n, (int) Math.round(accuracy * n));
        assertThat(stats.get("accuracyLow95").asDouble()).isCloseTo(expected.low95(), within(1e-9));
        assertThat(stats.get("accuracyHigh95").asDouble()).isCloseTo(expected.high95(), within(1e-9));

        JsonNode metrics = api().get("/api/v1/projects/" + project + "/models", ADMIN).json().get(0).get("metrics");
        assertThat(metrics.get("method").asString()).as("the version's own figures: too few holdout labels")
                .isEqualTo("CROSS_VALIDATION");
        assertThat(metrics.get("holdout").get("evaluatedOn").asInt()).isEqualTo(n);
        assertThat(metrics.get("holdout").get("low95").asDouble()).isCloseTo(expected.low95(), within(1e-9));

        // the model on 500 items it has never seen, from the same pool: inside the reported interval
        List<Map<String, Object>> unseen = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            unseen.add(point(random, "u" + i));
        }
        JsonNode predicted = api().post("/api/v1/projects/" + project + "/predictions", ADMIN,
                unseen.stream().map(u -> Map.of("externalId", u.get("externalId"), "features", u.get("features"))).toList()).json();
        int right = 0;
        for (int i = 0; i < unseen.size(); i++) {
            right += predicted.get(i).get("label").asString().equals(unseen.get(i).get("truth")) ? 1 : 0;
        }
        assertThat(right / 500.0).isBetween(stats.get("accuracyLow95").asDouble(), stats.get("accuracyHigh95").asDouble());
    }

    @Test
    void shouldShowTheHoldoutAccuracyWithItsIntervalAndMethodOnTheDashboard() {
        long project = trainedProject(new Random(23));
        JsonNode stats = api().get("/api/v1/projects/" + project + "/stats", ADMIN).json();

        signIn("admin", ADMIN_PASSWORD);
        page.navigate(url("/projects/" + project));
        assertThat(page.locator("#stat-accuracy-interval")).containsText("95% interval");
        assertThat(page.locator("#stat-accuracy-interval")).containsText("Clopper-Pearson");
        assertThat(page.locator("#stat-accuracy-method")).hasText("Measured on " + stats.get("accuracyEvaluatedOn").asInt()
                + " holdout items the model never trained on, drawn at random from the pool.");
        screenshot("dashboard-holdout-accuracy");
        assertThat(consoleErrors).isEmpty();
    }
}
