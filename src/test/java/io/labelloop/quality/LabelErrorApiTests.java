package io.labelloop.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.support.Api;
import io.labelloop.support.ApiTest;
import io.labelloop.support.Datasets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Label-error detection (confident learning on out-of-fold probabilities) through the HTTP API (issue 18). */
public class LabelErrorApiTests extends ApiTest {

    @Test
    void shouldFlagAFlippedLabelAsSuspectedErrorAfterTheNextModel() {
        Flipped f = irisWithOneFlippedLabel();
        assertThat(api().get("/api/v1/projects/" + f.project + "/review", ADMIN).json()).isEmpty();

        trainNow(f.project);

        JsonNode entry = suspected(f.project, f.item);
        assertThat(entry).as("the flipped setosa is flagged").isNotNull();
        assertThat(entry.get("currentLabel").asString()).isEqualTo("virginica");
        assertThat(entry.get("suggestedLabel").asString()).isEqualTo("setosa");
        assertThat(entry.get("score").asDouble()).isGreaterThan(0.5);
        JsonNode queue = api().get("/api/v1/projects/" + f.project + "/review", ADMIN).json();
        assertThat(queue.size()).as("few flags on clean iris labels").isLessThanOrEqualTo(8);
        assertThat(queue.get(0).get("itemId").asLong()).as("the flipped one ranks first").isEqualTo(f.item);
    }

    @Test
    void shouldClearTheSuspectedErrorWhenAReviewerSetsTheLabel() {
        Flipped f = irisWithOneFlippedLabel();
        trainNow(f.project);
        assertThat(suspected(f.project, f.item)).isNotNull();

        String lead = userWithToken("LEAD");
        api().post("/api/v1/projects/" + f.project + "/members", ADMIN, Map.of("username", usernameOf(lead)));
        var reviewed = api().post("/api/v1/projects/" + f.project + "/items/" + f.item + "/review", lead,
                Map.of("label", "setosa"));
        assertThat(reviewed.status()).as(reviewed.toString()).isEqualTo(200);
        assertThat(suspected(f.project, f.item)).as("cleared by the review").isNull();

        // a reviewer's word is final: the next model does not flag the item again, even kept as it was
        var again = api().post("/api/v1/projects/" + f.project + "/items/" + f.item + "/review", lead,
                Map.of("label", "virginica"));
        assertThat(again.status()).isEqualTo(200);
        labelMore(f.project, 2);
        trainNow(f.project);
        assertThat(suspected(f.project, f.item)).isNull();
    }

    @Test
    void shouldDropTheFlagWhenTheAnnotatorCorrectsTheLabel() {
        Flipped f = irisWithOneFlippedLabel();
        trainNow(f.project);
        assertThat(suspected(f.project, f.item)).isNotNull();
        var changed = api().post("/api/v1/projects/" + f.project + "/items/" + f.item + "/labels", ADMIN,
                Map.of("label", "setosa"));
        assertThat(changed.status()).as(changed.toString()).isIn(200, 201);
        assertThat(suspected(f.project, f.item)).isNull();
    }

    /** A project and its item whose label was flipped. */
    public record Flipped(long project, long item) {
    }

    private Flipped irisWithOneFlippedLabel() {
        return irisWithOneFlippedLabel(api());
    }

    /** Iris (no holdout), every other item labeled with its true class except one setosa labeled virginica. */
    public static Flipped irisWithOneFlippedLabel(Api api) {
        var iris = Datasets.tabular("/learning/iris.csv");
        long p = api.post("/api/v1/projects", ADMIN, Map.of("name", "flipped-" + java.util.UUID.randomUUID(), "taskType",
                "TABULAR", "labels", iris.labels())).json().get("id").asLong();
        api.postRaw("/api/v1/projects/" + p + "/items", ADMIN, "text/csv", iris.unlabeledCsv());
        api.patch("/api/v1/projects/" + p, ADMIN, Map.of("holdoutFraction", 0));
        JsonNode items = api.get("/api/v1/projects/" + p + "/items?limit=150", ADMIN).json();
        long flipped = -1;
        for (int i = 0; i < items.size(); i += 2) {
            JsonNode item = items.get(i);
            String truth = iris.truth().get(item.get("externalId").asString());
            String label = truth;
            if (flipped < 0 && truth.equals("setosa")) {
                flipped = item.get("id").asLong();
                label = "virginica";
            }
            var r = api.post("/api/v1/projects/" + p + "/items/" + item.get("id").asLong() + "/labels", ADMIN,
                    Map.of("label", label));
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
        }
        return new Flipped(p, flipped);
    }

    /** Labels {@code count} more items (odd positions) with their true class. */
    private void labelMore(long p, int count) {
        var iris = Datasets.tabular("/learning/iris.csv");
        JsonNode items = api().get("/api/v1/projects/" + p + "/items?limit=150", ADMIN).json();
        for (int i = 1, done = 0; done < count; i += 2, done++) {
            JsonNode item = items.get(i);
            api().post("/api/v1/projects/" + p + "/items/" + item.get("id").asLong() + "/labels", ADMIN,
                    Map.of("label", iris.truth().get(item.get("externalId").asString())));
        }
    }

    private JsonNode suspected(long project, long item) {
        for (JsonNode e : api().get("/api/v1/projects/" + project + "/review?limit=1000", ADMIN).json()) {
            if (e.get("itemId").asLong() == item && e.get("reason").asString().equals("SUSPECTED_ERROR")) {
                return e;
            }
        }
        return null;
    }
}
