package io.labelloop.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.support.ApiTest;
import io.labelloop.support.Rings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A new user's TABULAR project on data no line separates gets a non-linear model without anyone choosing it; the
 * models list says what was compared and why; a lead can pin the linear family.
 */
class ModelFamilyTests extends ApiTest {

    private final Map<String, String> truth = new HashMap<>();

    /** The rings ({@link Rings}) as an unlabeled CSV upload; their rings go to {@link #truth}. */
    private String ringsCsv(int n) {
        StringBuilder csv = new StringBuilder("externalId,x,y,noise\n");
        for (Rings.Point point : Rings.points(n, 11)) {
            csv.append(point.csvRow()).append('\n');
            truth.put(point.externalId(), point.ring());
        }
        return csv.toString();
    }

    private long ringsProject(Map<String, Object> extra) {
        Map<String, Object> settings = new HashMap<>(Map.of("name", "rings", "taskType", "TABULAR",
                "labels", List.of("ring0", "ring1", "ring2"), "batchSize", 30, "retrainEvery", 1000, "holdoutFraction", 0));
        settings.putAll(extra);
        var created = api().post("/api/v1/projects", ADMIN, settings);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        var upload = api().postRaw("/api/v1/projects/" + id + "/items", ADMIN, "text/csv", ringsCsv(240));
        assertThat(upload.json().get("created").asInt()).as(upload.toString()).isEqualTo(240);
        return id;
    }

    /** Trains now, then labels what the queue hands out with the true ring, {@code rounds} times. */
    private void labelRounds(long project, int rounds) {
        for (int round = 0; round < rounds; round++) {
            trainNow(project);
            JsonNode items = api().post("/api/v1/projects/" + project + "/queue/claims", ADMIN, Map.of("count", 30))
                    .json().get("items");
            for (JsonNode item : items) {
                var r = api().post("/api/v1/projects/" + project + "/items/" + item.get("itemId").asLong() + "/labels",
                        ADMIN, Map.of("label", truth.get(item.get("externalId").asString())));
                assertThat(r.status()).as(r.toString()).isEqualTo(201);
            }
        }
    }


    @Test
    void shouldChooseANonLinearFamilyOnRingsWithoutAnyoneChoosingIt() {
        long p = ringsProject(Map.of());
        assertThat(api().get("/api/v1/projects/" + p, ADMIN).json().get("modelFamily").asString()).isEqualTo("AUTO");

        labelRounds(p, 3);
        trainNow(p);

        JsonNode model = latestModel(p);
        assertThat(model.get("labelCount").asInt()).isEqualTo(90);
        assertThat(model.get("family").asString()).isIn("KERNEL", "TREES");
        assertThat(model.get("candidates").findValuesAsString("family")).containsExactly("LINEAR", "KERNEL", "TREES");
        JsonNode linear = model.get("candidates").get(0);
        JsonNode chosen = model.get("candidates").get(model.get("family").asString().equals("KERNEL") ? 1 : 2);
        assertThat(chosen.get("cvLogLoss").asDouble()).isLessThan(linear.get("cvLogLoss").asDouble());
        assertThat(chosen.get("cvAccuracy").asDouble()).isBetween(0.0, 1.0);
        assertThat(model.get("familyReason").asString()).startsWith("chosen automatically: CV log-loss")
                .contains("vs LINEAR");
        assertThat(model.get("metrics").get("accuracy").asDouble()).isGreaterThan(0.8);
    }

    /**
     * 180 labelled rows: four stripes along column x, classes alternating, next to four noise columns (no line
     * separates them; the noise hides the stripes from an RBF kernel's distances; a tree cuts x at their edges).
     */
    private long stripesProject() {
        var created = api().post("/api/v1/projects", ADMIN, Map.of("name", "stripes", "taskType", "TABULAR",
                "labels", List.of("even", "odd"), "retrainEvery", 1000, "holdoutFraction", 0));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        Random rnd = new Random(6);
        StringBuilder csv = new StringBuilder("externalId,x,n1,n2,n3,n4,label\n");
        for (int i = 0; i < 180; i++) {
            double x = rnd.nextDouble() * 4;
            csv.append("s").append(i).append(',').append(x);
            for (int j = 0; j < 4; j++) {
                csv.append(',').append(rnd.nextGaussian());
            }
            csv.append(',').append((int) Math.floor(x) % 2 == 0 ? "even" : "odd").append('\n');
        }
        var upload = api().postRaw("/api/v1/projects/" + id + "/items", ADMIN, "text/csv", csv.toString());
        assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
        return id;
    }

    @Test
    void shouldChooseTreesOnStripesWithoutAnyoneChoosingThemAndOfferTheirTreesAsJson() {
        long p = stripesProject();

        trainNow(p);

        JsonNode model = latestModel(p);
        assertThat(model.get("family").asString()).as(model.toString()).isEqualTo("TREES");
        assertThat(model.get("candidates").findValuesAsString("family")).containsExactly("LINEAR", "KERNEL", "TREES");
        JsonNode linear = model.get("candidates").get(0), trees = model.get("candidates").get(2);
        assertThat(trees.get("cvLogLoss").asDouble()).isLessThan(linear.get("cvLogLoss").asDouble() * 0.95);
        assertThat(trees.get("cvAccuracy").asDouble()).isGreaterThan(linear.get("cvAccuracy").asDouble());
        assertThat(model.get("familyReason").asString()).startsWith("chosen automatically: CV log-loss")
                .contains("vs LINEAR", "KERNEL", "on 180 labels");
        int version = model.get("version").asInt();
        var onnx = api().get("/api/v1/projects/" + p + "/models/" + version + "/download?format=onnx", ADMIN);
        assertThat(onnx.status()).as(onnx.toString()).isEqualTo(422);
        assertThat(onnx.contentType()).startsWith("application/problem+json");
        assertThat(onnx.body()).contains("TREES").contains("format=json");
        JsonNode json = api().get("/api/v1/projects/" + p + "/models/" + version + "/download?format=json", ADMIN).json();
        JsonNode forest = json.get("featurizer");
        assertThat(forest.get("type").asString()).isEqualTo("randomForest");
        assertThat(forest.get("base").get("type").asString()).isEqualTo("standardised");
        assertThat(forest.get("roots").size()).isEqualTo(100);
        assertThat(forest.get("feature").size()).isEqualTo(forest.get("threshold").size());
    }

    @Test
    void shouldRespectALinearFamilyPinnedByALead() {
        long p = ringsProject(Map.of());
        labelRounds(p, 3);
        var patched = api().patch("/api/v1/projects/" + p, ADMIN, Map.of("modelFamily", "LINEAR"));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);

        trainNow(p);

        JsonNode model = latestModel(p);
        assertThat(model.get("family").asString()).isEqualTo("LINEAR");
        assertThat(model.get("candidates").isEmpty()).isTrue();
        assertThat(model.get("familyReason").asString()).isEqualTo("pinned by a lead");
    }

    @Test
    void shouldRejectAnUnknownFamilyWithProblemDetails() {
        long p = ringsProject(Map.of());

        var patched = api().patch("/api/v1/projects/" + p, ADMIN, Map.of("modelFamily", "FOREST_OF_DREAMS"));
        var created = api().post("/api/v1/projects", ADMIN, Map.of("name", "x", "taskType", "TABULAR",
                "labels", List.of("a", "b"), "modelFamily", "nope"));

        assertThat(patched.status()).isEqualTo(422);
        assertThat(patched.contentType()).startsWith("application/problem+json");
        assertThat(patched.json().get("errors").get(0).get("field").asString()).isEqualTo("modelFamily");
        assertThat(patched.json().get("errors").get(0).get("message").asString()).contains("AUTO", "LINEAR", "KERNEL");
        assertThat(created.status()).as(created.toString()).isEqualTo(422);
        assertThat(api().get("/api/v1/projects/" + p, ADMIN).json().get("modelFamily").asString()).isEqualTo("AUTO");
    }

    @Test
    void shouldListTheFamiliesALeadMayPin() {
        JsonNode families = api().get("/api/v1/model-families", ADMIN).json();

        assertThat(families.findValuesAsString("family")).containsExactly("LINEAR", "KERNEL", "TREES");
        assertThat(families.get(1).get("nonLinear").asBoolean()).isTrue();
    }
}
