package io.labelloop.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.quality.LabelErrorApiTests;
import io.labelloop.quality.LabelErrorApiTests.Flipped;
import io.labelloop.support.ApiTest;
import io.labelloop.support.Datasets;
import io.labelloop.training.internal.TrainingScheduler;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Label-error detection runs with a scheduled cycle only once the labels grew by a share since its last run (here
 * 20% and at least 10 labels), and with every cycle a lead asks for; between runs the review queue keeps the last
 * run's suspected errors, and each model version says in its provenance whether it ran.
 */
@TestPropertySource(properties = {"labelloop.training.label-errors-growth=0.2", "labelloop.training.label-errors-min-labels=10"})
class LabelErrorCadenceTests extends ApiTest {

    @Autowired
    TrainingScheduler scheduler;

    private final Datasets.Oracle iris = Datasets.tabular("/learning/iris.csv");

    @Test
    void shouldKeepTheLastRunsFlagsWhenScheduledCyclesComeBeforeTheLabelsGrewEnough() {
        Flipped f = LabelErrorApiTests.irisWithOneFlippedLabel(api());
        api().patch("/api/v1/projects/" + f.project(), ADMIN, Map.of("retrainEvery", 5));
        assertThat(scheduler.runDue(f.project())).isEqualTo(1);
        JsonNode first = latestModel(f.project()).get("provenance").get("labelErrors");
        assertThat(first.get("ran").asBoolean()).isTrue();
        assertThat(first.get("trigger").asString()).isEqualTo("FIRST");
        assertThat(first.get("labels").asInt()).isEqualTo(75);
        assertThat(first.get("nextDueAtLabels").asInt()).as("75 + 20%").isEqualTo(90);
        assertThat(suspected(f)).isTrue();

        labelMore(f.project(), 10);
        assertThat(scheduler.runDue(f.project())).isEqualTo(1);

        JsonNode skipped = latestModel(f.project()).get("provenance").get("labelErrors");
        assertThat(latestModel(f.project()).get("version").asInt()).isEqualTo(2);
        assertThat(skipped.get("ran").asBoolean()).as("85 labels < 90").isFalse();
        assertThat(skipped.get("flagsFromVersion").asInt()).isEqualTo(1);
        assertThat(skipped.get("nextDueAtLabels").asInt()).isEqualTo(90);
        assertThat(suspected(f)).as("the review queue keeps version 1's flag").isTrue();
    }

    @Test
    void shouldRunAgainWhenTheLabelsGrewByTheShare() {
        Flipped f = LabelErrorApiTests.irisWithOneFlippedLabel(api());
        api().patch("/api/v1/projects/" + f.project(), ADMIN, Map.of("retrainEvery", 5));
        assertThat(scheduler.runDue(f.project())).isEqualTo(1);

        labelMore(f.project(), 16);
        assertThat(scheduler.runDue(f.project())).isEqualTo(1);

        JsonNode again = latestModel(f.project()).get("provenance").get("labelErrors");
        assertThat(again.get("ran").asBoolean()).as("91 labels >= 90").isTrue();
        assertThat(again.get("trigger").asString()).isEqualTo("GROWTH");
        assertThat(again.get("labels").asInt()).isEqualTo(91);
        assertThat(again.get("itemsUsed").asInt()).isEqualTo(91);
        assertThat(again.get("folds").asInt()).isEqualTo(5);
        assertThat(again.get("flagged").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(again.get("millis").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(suspected(f)).isTrue();
    }

    @Test
    void shouldRunWheneverALeadAsksForACycle() {
        Flipped f = LabelErrorApiTests.irisWithOneFlippedLabel(api());
        assertThat(scheduler.runDue(f.project())).isEqualTo(1);
        labelMore(f.project(), 2);

        trainNow(f.project());

        JsonNode requested = latestModel(f.project()).get("provenance").get("labelErrors");
        assertThat(latestModel(f.project()).get("version").asInt()).isEqualTo(2);
        assertThat(requested.get("ran").asBoolean()).as("77 labels, not due by growth, but asked for").isTrue();
        assertThat(requested.get("trigger").asString()).isEqualTo("REQUESTED");
        assertThat(suspected(f)).isTrue();
    }

    /** Labels {@code count} more items (odd positions) with their true class. */
    private void labelMore(long p, int count) {
        JsonNode items = api().get("/api/v1/projects/" + p + "/items?limit=150", ADMIN).json();
        for (int i = 1, done = 0; done < count; i += 2, done++) {
            JsonNode item = items.get(i);
            var r = api().post("/api/v1/projects/" + p + "/items/" + item.get("id").asLong() + "/labels", ADMIN,
                    Map.of("label", iris.truth().get(item.get("externalId").asString())));
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
        }
    }

    private boolean suspected(Flipped f) {
        for (JsonNode e : api().get("/api/v1/projects/" + f.project() + "/review?limit=1000", ADMIN).json()) {
            if (e.get("itemId").asLong() == f.item() && e.get("reason").asString().equals("SUSPECTED_ERROR")) {
                return true;
            }
        }
        return false;
    }
}
