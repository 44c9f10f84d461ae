package io.labelloop.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.support.Api;
import io.labelloop.support.ApiTest;
import io.labelloop.support.Datasets;
import io.labelloop.training.internal.TrainingScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An upload that brings a new feature column into a TABULAR project widens its features: items stored
 * before read the new column as missing, and the project keeps training, scoring and predicting.
 */
class SchemaWideningTests extends ApiTest {

    @Autowired
    TrainingScheduler scheduler;

    @Test
    void shouldKeepAProjectWorkingAfterAnUploadAddsAFeatureColumn() {
        long p = trainedOnXAndY(0);

        Api.Response widened = upload(p, List.of(Map.of("externalId", "wide", "features", Map.of("x", 1.5, "y", -0.5, "z", 7))));
        assertThat(widened.status()).as(widened.toString()).isEqualTo(200);
        assertThat(widened.json().get("created").asLong()).isEqualTo(1);

        assertStillUsable(p);
    }

    @Test
    void shouldKeepAProjectWorkingAfterAnUploadAddsAFeatureColumnToAPoolOfMoreThanOneScoringBatch() {
        long p = trainedOnXAndY(1_500);

        Api.Response widened = upload(p, List.of(Map.of("externalId", "wide", "features", Map.of("x", 1.5, "y", -0.5, "z", 7))));
        assertThat(widened.status()).as(widened.toString()).isEqualTo(200);

        assertStillUsable(p);
    }

    @Test
    void shouldReadPredictionItemsByTheUploadsRulesWithoutWideningTheProject() {
        long p = trainedOnXAndY(0);
        String path = "/api/v1/projects/" + p + "/predictions";

        var written = api().post(path, ADMIN, List.of(Map.of("features", Map.of("x", "3", "y", "0", "unseen", 9))));
        assertThat(written.status()).as("numbers as strings are read as an upload reads them; an unknown column is ignored: " + written)
                .isEqualTo(200);
        assertThat(written.json().get(0).get("label").asString()).isEqualTo("pos");

        var wide = api().post(path, ADMIN, List.of(Map.of("externalId", "a", "features", List.of(3, 0, 1))));
        assertThat(wide.status()).as(wide.toString()).isEqualTo(422);
        assertThat(wide.json().get("errors").get(0).get("field").asString()).isEqualTo("[1].features");
        assertThat(wide.json().get("errors").get(0).get("message").asString()).contains("3 values", "2 features");

        var word = api().post(path, ADMIN, List.of(Map.of("features", Map.of("x", 1)), Map.of("features", Map.of("x", "abc"))));
        assertThat(word.status()).as(word.toString()).isEqualTo(422);
        assertThat(word.json().get("errors").get(0).get("field").asString()).isEqualTo("[2].features");
        assertThat(word.json().get("errors").get(0).get("message").asString()).contains("'x' is not a number");

        var afterwards = upload(p, List.of(Map.of("externalId", "after", "features", List.of(1, 2))));
        assertThat(afterwards.status()).as("the project still has two columns: " + afterwards).isEqualTo(200);
        assertThat(afterwards.json().get("created").asLong()).isEqualTo(1);
    }

    private void assertStillUsable(long p) {
        var trained = api().post("/api/v1/projects/" + p + "/training-runs?wait=true", ADMIN, Map.of());
        assertThat(trained.status()).as(trained.toString()).isEqualTo(200);
        assertThat(trained.json().get("version").asInt()).isEqualTo(2);

        var streamed = api().post("/api/v1/projects/" + p + "/stream", ADMIN,
                Map.of("externalId", "s-1", "features", Map.of("x", 2, "y", 1, "z", 3)));
        assertThat(streamed.status()).as(streamed.toString()).isBetween(200, 201);
        var oldShape = api().post("/api/v1/projects/" + p + "/stream", ADMIN,
                Map.of("externalId", "s-2", "features", Map.of("x", -2, "y", 1)));
        assertThat(oldShape.status()).as(oldShape.toString()).isBetween(200, 201);

        var predicted = api().post("/api/v1/projects/" + p + "/predictions", ADMIN,
                List.of(Map.of("externalId", "q", "features", Map.of("x", 1.2, "y", 0, "z", 1))));
        assertThat(predicted.status()).as(predicted.toString()).isEqualTo(200);
        assertThat(predicted.json().get(0).get("label").asString()).isEqualTo("pos");

        var claims = api().post("/api/v1/projects/" + p + "/queue/claims", ADMIN, Map.of("count", 1));
        assertThat(claims.status()).as(claims.toString()).isBetween(200, 201);
        long claimed = claims.json().get("items").get(0).get("itemId").asLong();
        var labeled = api().post("/api/v1/projects/" + p + "/items/" + claimed + "/labels", ADMIN, Map.of("label", "pos"));
        assertThat(labeled.status()).as(labeled.toString()).isBetween(200, 201);
        scheduler.runDue(p);
        var models = api().get("/api/v1/projects/" + p + "/models", ADMIN).json();
        assertThat(models.size()).as("the scheduled cycle trained a third version").isEqualTo(3);
        var failed = api().get("/api/v1/projects/" + p + "/stats", ADMIN);
        assertThat(failed.status()).as(failed.toString()).isEqualTo(200);
    }

    /** A project with 40 labeled rows of features x and y (positive x is "pos") and a trained model. */
    private long trainedOnXAndY(int unlabeled) {
        long p = api().post("/api/v1/projects", ADMIN, Map.of("name", "widen", "taskType", "TABULAR",
                "labels", List.of("pos", "neg"), "holdoutFraction", 0, "retrainEvery", 1)).json().get("id").asLong();
        Random random = new Random(p);
        List<Map<String, Object>> rows = new ArrayList<>(Datasets.separableRows(p, 40));
        for (int i = 0; i < unlabeled; i++) {
            rows.add(Map.of("externalId", "u-" + i, "features", Map.of("x", random.nextGaussian(), "y", random.nextGaussian())));
        }
        Api.Response uploaded = upload(p, rows);
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(200);
        var trained = api().post("/api/v1/projects/" + p + "/training-runs?wait=true", ADMIN, Map.of());
        assertThat(trained.status()).as(trained.toString()).isEqualTo(200);
        return p;
    }

    private Api.Response upload(long p, List<Map<String, Object>> rows) {
        return api().post("/api/v1/projects/" + p + "/items", ADMIN, rows);
    }
}
