package io.labelloop.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.support.ApiTest;
import io.labelloop.support.Datasets;
import io.labelloop.training.internal.ModelStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Models in memory stay within {@code labelloop.training.model-cache-size} however many versions are
 * trained; what does not fit is read back from the database, so every project still predicts.
 */
@TestPropertySource(properties = "labelloop.training.model-cache-size=" + ModelCacheTests.CACHE_BYTES + "B")
class ModelCacheTests extends ApiTest {

    static final long CACHE_BYTES = 8 * 1024;
    private static final int PROJECTS = 3;
    private static final int VERSIONS = 4;

    @Autowired
    ModelStore models;

    @Test
    void shouldKeepTheModelsInMemoryWithinTheirBoundAndStillAnswerForEveryVersion() {
        List<Long> projects = new ArrayList<>();
        for (int i = 0; i < PROJECTS; i++) {
            projects.add(labeledProject(i));
        }
        for (int v = 0; v < VERSIONS; v++) {
            for (long p : projects) {
                var trained = api().post("/api/v1/projects/" + p + "/training-runs?wait=true", ADMIN, Map.of());
                assertThat(trained.status()).as(trained.toString()).isEqualTo(200);
                assertThat(models.cacheWeight().bytes()).isLessThanOrEqualTo(CACHE_BYTES);
            }
        }

        assertThat(models.cacheWeight().maxBytes()).isEqualTo(CACHE_BYTES);
        assertThat(models.cacheWeight().models()).as("not every version is kept").isLessThan(PROJECTS * VERSIONS);
        for (long p : projects) {
            var versions = api().get("/api/v1/projects/" + p + "/models", ADMIN).json();
            assertThat(versions.size()).isEqualTo(VERSIONS);
            var predicted = api().post("/api/v1/projects/" + p + "/predictions", ADMIN,
                    List.of(Map.of("externalId", "q", "features", Map.of("x", 3, "y", 0))));
            assertThat(predicted.status()).as(predicted.toString()).isEqualTo(200);
            assertThat(predicted.json().get(0).get("modelVersion").asInt()).isEqualTo(VERSIONS);
            assertThat(predicted.json().get(0).get("label").asString()).isEqualTo("pos");
            assertThat(models.cacheWeight().bytes()).isLessThanOrEqualTo(CACHE_BYTES);
        }
    }

    private long labeledProject(int n) {
        long p = project(ADMIN, "TABULAR", "pos", "neg");
        List<Map<String, Object>> rows = Datasets.separableRows(n, 40);
        var uploaded = api().post("/api/v1/projects/" + p + "/items", ADMIN, rows);
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(200);
        return p;
    }
}
