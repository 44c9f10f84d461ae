package io.labelloop.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.labelloop.support.Api;
import io.labelloop.support.ApiTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A lead downloads a trained model and runs it without Labelloop: the ONNX file in ONNX Runtime gives the service's
 * own probabilities on the same items; the JSON file holds everything needed to compute them by hand; models with no
 * ONNX form are refused with a reason that points to the JSON file.
 */
class ModelDownloadTests extends ApiTest {

    /** Rows of a TABULAR project: a normal column, a skewed count (log1p), a column with gaps (indicator). */
    private static float[][] tabularRows(int n, Random rnd) {
        float[][] rows = new float[n][3];
        for (int i = 0; i < n; i++) {
            int cls = i % 3;
            rows[i][0] = (float) (cls + rnd.nextGaussian() * 0.7);
            rows[i][1] = (float) Math.floor(Math.exp(rnd.nextGaussian() * 1.5 + cls));
            rows[i][2] = i % 5 == 0 ? Float.NaN : (float) (rnd.nextGaussian() - cls * 0.5);
        }
        return rows;
    }

    private long trainedTabularProject(float[][] rows) {
        return trainedTabularProject(rows, "LINEAR");
    }

    private long trainedTabularProject(float[][] rows, String family) {
        var created = api().post("/api/v1/projects", ADMIN, Map.of("name", "onnx-tabular", "taskType", "TABULAR",
                "labels", List.of("a", "b", "c"), "modelFamily", family, "holdoutFraction", 0));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        StringBuilder csv = new StringBuilder("externalId,width,count,depth,label\n");
        String[] names = {"a", "b", "c"};
        for (int i = 0; i < rows.length; i++) {
            csv.append("t").append(i).append(',').append(rows[i][0]).append(',').append(rows[i][1]).append(',')
                    .append(Float.isNaN(rows[i][2]) ? "" : Float.toString(rows[i][2])).append(',')
                    .append(i < 60 ? names[i % 3] : "").append('\n');
        }
        var upload = api().postRaw("/api/v1/projects/" + id + "/items", ADMIN, "text/csv", csv.toString());
        assertThat(upload.json().get("created").asInt()).as(upload.toString()).isEqualTo(rows.length);
        var run = api().post("/api/v1/projects/" + id + "/training-runs?wait=true", ADMIN, Map.of());
        assertThat(run.status()).as(run.toString()).isEqualTo(200);
        return id;
    }

    /** The service's probabilities for rows, from {@code POST /predictions}, in its class order. */
    private List<Map<String, Double>> servicePredictions(long project, float[][] rows) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            List<Object> values = new ArrayList<>();
            for (float v : rows[i]) {
                values.add(Float.isNaN(v) ? null : v);
            }
            items.add(Map.of("externalId", "q" + i, "features", values));
        }
        var r = api().post("/api/v1/projects/" + project + "/predictions", ADMIN, items);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<Map<String, Double>> out = new ArrayList<>();
        for (JsonNode p : r.json()) {
            Map<String, Double> probabilities = new HashMap<>();
            p.get("probabilities").properties().forEach(e -> probabilities.put(e.getKey(), e.getValue().asDouble()));
            out.add(probabilities);
        }
        return out;
    }

    private static float[][] runOnnx(byte[] model, float[][] rows, List<String> classes) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(env, rows);
             OrtSession.Result result = session.run(Map.of("features", input))) {
            String declared = session.getMetadata().getCustomMetadata().get("classes");
            assertThat(declared).isEqualTo(Api.toJson(classes));
            return (float[][]) result.get("probabilities").orElseThrow().getValue();
        }
    }

    private List<String> classes(long project, int version) {
        JsonNode file = api().get("/api/v1/projects/" + project + "/models/" + version + "/download?format=json", ADMIN).json();
        List<String> classes = new ArrayList<>();
        file.get("classes").forEach(c -> classes.add(c.asString()));
        return classes;
    }

    private static void assertSame(float[][] onnx, List<Map<String, Double>> service, List<String> classes) {
        assertThat(onnx.length).isEqualTo(service.size());
        double worst = 0;
        for (int i = 0; i < onnx.length; i++) {
            for (int k = 0; k < classes.size(); k++) {
                worst = Math.max(worst, Math.abs(onnx[i][k] - service.get(i).get(classes.get(k))));
                assertThat((double) onnx[i][k]).as("item %d class %s", i, classes.get(k))
                        .isCloseTo(service.get(i).get(classes.get(k)), within(1e-5));
            }
        }
        System.out.printf("ONNX Runtime vs the service: %d items, largest probability difference %.2e%n", onnx.length, worst);
    }

    /** The model, the rows and the service's answers as files, for {@code bench/onnx-python-check.py}. */
    private static void keepForPython(String name, byte[] model, float[][] rows, List<Map<String, Double>> service,
            List<String> classes) throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Path.of("target", "interop");
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.write(dir.resolve(name + ".onnx"), model);
        List<List<Double>> expected = service.stream().map(m -> classes.stream().map(m::get).toList()).toList();
        List<List<Object>> inputs = new ArrayList<>();
        for (float[] row : rows) {
            List<Object> values = new ArrayList<>();
            for (float v : row) {
                values.add(Float.isNaN(v) ? "NaN" : (Object) v);
            }
            inputs.add(values);
        }
        java.nio.file.Files.writeString(dir.resolve(name + "-check.json"),
                Api.toJson(Map.of("classes", classes, "rows", inputs, "expected", expected)));
    }

    @Test
    void shouldGiveTheServicesProbabilitiesWhenTheOnnxModelOfATabularProjectRunsInOnnxRuntime() throws Exception {
        Random rnd = new Random(5);
        long p = trainedTabularProject(tabularRows(150, rnd));
        float[][] test = tabularRows(40, rnd);
        test[3][0] = Float.NaN; // a missing value where no training item had one: mean, no indicator

        var download = api().get("/api/v1/projects/" + p + "/models/1/download?format=onnx", ADMIN);
        assertThat(download.status()).as(download.toString()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Disposition").orElse("")).contains(".onnx");
        List<String> classes = classes(p, 1);

        List<Map<String, Double>> service = servicePredictions(p, test);
        assertSame(runOnnx(download.bytes(), test, classes), service, classes);
        keepForPython("tabular", download.bytes(), test, service, classes);
    }

    @Test
    void shouldGiveTheServicesProbabilitiesWhenTheOnnxModelOfAKernelTabularProjectRunsInOnnxRuntime() throws Exception {
        Random rnd = new Random(7);
        long p = trainedTabularProject(tabularRows(150, rnd), "KERNEL");
        float[][] test = tabularRows(40, rnd);
        test[5][1] = Float.NaN; // missing where training had none: mean, no indicator, then the random features

        JsonNode json = api().get("/api/v1/projects/" + p + "/models/1/download?format=json", ADMIN).json();
        assertThat(json.get("family").asString()).isEqualTo("KERNEL");
        assertThat(json.get("featurizer").get("type").asString()).isEqualTo("randomFourier");
        assertThat(json.get("featurizer").get("hashed").asBoolean()).isFalse();
        var download = api().get("/api/v1/projects/" + p + "/models/1/download?format=onnx", ADMIN);
        assertThat(download.status()).as(download.toString()).isEqualTo(200);
        List<String> classes = classes(p, 1);

        List<Map<String, Double>> service = servicePredictions(p, test);
        assertSame(runOnnx(download.bytes(), test, classes), service, classes);
        keepForPython("kernel", download.bytes(), test, service, classes);
    }

    @Test
    void shouldHoldEverythingToComputeTheProbabilitiesWhenTheJsonModelIsDownloaded() {
        Random rnd = new Random(6);
        long p = trainedTabularProject(tabularRows(150, rnd));
        float[][] test = tabularRows(20, rnd);

        JsonNode file = api().get("/api/v1/projects/" + p + "/models/1/download?format=json", ADMIN).json();
        assertThat(file.get("inputs").toString()).isEqualTo("[\"width\",\"count\",\"depth\"]");
        assertThat(file.get("featurizer").get("type").asString()).isEqualTo("standardised");
        List<Map<String, Double>> service = servicePredictions(p, test);
        for (int i = 0; i < test.length; i++) {
            double[] byHand = ByHand.probabilities(file, test[i]);
            for (int k = 0; k < byHand.length; k++) {
                assertThat(byHand[k]).isCloseTo(service.get(i).get(file.get("classes").get(k).asString()), within(1e-5));
            }
        }
    }

    @Test
    void shouldGiveTheServicesProbabilitiesWhenTheOnnxModelOfAnImagePixelProjectRunsInOnnxRuntime() throws Exception {
        var created = api().post("/api/v1/projects", ADMIN, Map.of("name", "onnx-pixels", "taskType", "IMAGE",
                "labels", List.of("bar", "dot"), "holdoutFraction", 0));
        long p = created.json().get("id").asLong();
        Random rnd = new Random(8);
        StringBuilder csv = new StringBuilder("externalId");
        for (int j = 0; j < 64; j++) {
            csv.append(",p").append(j);
        }
        csv.append(",label\n");
        float[][] test = new float[10][];
        for (int i = 0; i < 34; i++) {
            float[] pixels = new float[64];
            for (int j = 0; j < 64; j++) {
                boolean ink = i % 2 == 0 ? j % 8 == 3 : j / 8 == 3 && j % 8 == 3;
                pixels[j] = (float) Math.max(0, Math.min(16, (ink ? 14 : 1) + rnd.nextGaussian() * 2));
            }
            if (i >= 24) {
                test[i - 24] = pixels;
                continue;
            }
            csv.append("i").append(i);
            for (float v : pixels) {
                csv.append(',').append(v);
            }
            csv.append(',').append(i % 2 == 0 ? "bar" : "dot").append('\n');
        }
        assertThat(api().postRaw("/api/v1/projects/" + p + "/items", ADMIN, "text/csv", csv.toString()).status()).isEqualTo(200);
        assertThat(api().post("/api/v1/projects/" + p + "/training-runs?wait=true", ADMIN, Map.of()).status()).isEqualTo(200);

        var download = api().get("/api/v1/projects/" + p + "/models/1/download?format=onnx", ADMIN);
        assertThat(download.status()).as(download.toString()).isEqualTo(200);
        List<String> classes = classes(p, 1);
        assertSame(runOnnx(download.bytes(), test, classes), servicePredictions(p, test), classes);
    }

    @Test
    void shouldRefuseOnnxAndPointToJsonWhenTheModelIsATextModel() {
        long p = project(ADMIN, "TEXT", "pos", "neg");
        StringBuilder csv = new StringBuilder("externalId,text,label\n");
        for (int i = 0; i < 20; i++) {
            csv.append("x").append(i).append(',').append(i % 2 == 0 ? "good great fine" : "bad awful poor")
                    .append(' ').append(i).append(',').append(i % 2 == 0 ? "pos" : "neg").append('\n');
        }
        api().postRaw("/api/v1/projects/" + p + "/items", ADMIN, "text/csv", csv.toString());
        assertThat(api().post("/api/v1/projects/" + p + "/training-runs?wait=true", ADMIN, Map.of()).status()).isEqualTo(200);

        var onnx = api().get("/api/v1/projects/" + p + "/models/1/download?format=onnx", ADMIN);
        assertThat(onnx.status()).isEqualTo(422);
        assertThat(onnx.contentType()).startsWith("application/problem+json");
        assertThat(onnx.body()).contains("TEXT").contains("format=json");

        JsonNode json = api().get("/api/v1/projects/" + p + "/models/1/download?format=json", ADMIN).json();
        assertThat(json.get("featurizer").get("type").asString()).isEqualTo("tfidf");
        assertThat(json.get("featurizer").get("vocabulary").size()).isEqualTo(json.get("head").get("weights").size());
        assertThat(json.get("featurizer").get("hashing").asString()).contains("FNV").doesNotContain("null");
    }

    @Test
    void shouldAnswer404ForAnUnknownVersionAnd422ForAnUnknownFormat() {
        long p = trainedTabularProject(tabularRows(90, new Random(3)));
        assertThat(api().get("/api/v1/projects/" + p + "/models/9/download?format=json", ADMIN).status()).isEqualTo(404);
        var bad = api().get("/api/v1/projects/" + p + "/models/1/download?format=pmml", ADMIN);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("onnx");
    }
}
