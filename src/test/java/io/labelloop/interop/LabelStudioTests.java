package io.labelloop.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.support.ApiTest;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A team moves a project from Label Studio to Labelloop and back without losing a label. */
class LabelStudioTests extends ApiTest {

    private static Map<String, Object> task(int id, Map<String, Object> data, String... choices) {
        Map<String, Object> task = new HashMap<>(Map.of("id", id, "data", data));
        List<Object> annotations = new ArrayList<>();
        for (String c : choices) {
            annotations.add(Map.of("id", id * 10, "was_cancelled", false, "result", List.of(Map.of("from_name", "sentiment",
                    "to_name", "text", "type", "choices", "value", Map.of("choices", List.of(c))))));
        }
        task.put("annotations", annotations);
        return task;
    }

    /** externalId -> label of every labeled task in a Label Studio export. */
    private Map<String, String> labelsOf(long project) {
        var export = api().get("/api/v1/projects/" + project + "/export?format=labelstudio", ADMIN);
        assertThat(export.status()).as(export.toString()).isEqualTo(200);
        Map<String, String> labels = new HashMap<>();
        for (JsonNode task : export.json()) {
            JsonNode annotations = task.get("annotations");
            labels.put(task.get("data").get("externalId").asString(), annotations.isEmpty() ? null
                    : annotations.get(0).get("result").get(0).get("value").get("choices").get(0).asString());
        }
        return labels;
    }

    @Test
    void shouldImportLabelStudioTasksWithTheirChoicesAsImportedLabels() {
        long p = project(ADMIN, "TEXT", "Positive", "Negative");
        Map<String, Object> cancelled = task(4, Map.of("text", "meh"), "Positive");
        cancelled.put("annotations", List.of(Map.of("was_cancelled", true, "result", List.of(Map.of("type", "choices",
                "value", Map.of("choices", List.of("Negative")))))));
        Map<String, Object> predicted = task(5, Map.of("text", "fine I guess"));
        predicted.put("predictions", List.of(Map.of("result", List.of(Map.of("value", Map.of("choices", List.of("Positive")))))));
        List<Object> tasks = List.of(task(1, Map.of("text", "great film"), "Positive"),
                task(2, Map.of("review", "awful plot"), "Negative"),
                task(3, Map.of("text", "boring"), "Positive", "Negative"),
                cancelled, predicted,
                task(6, Map.of("image", "https://example.org/cat.png"), "Positive"),
                task(7, Map.of("text", "odd"), "Neutral"));
        var upload = api().post("/api/v1/projects/" + p + "/items?format=labelstudio", ADMIN, tasks);
        assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
        assertThat(upload.json().get("created").asInt()).as(upload.toString()).isEqualTo(5);
        assertThat(upload.json().get("rejected").toString()).contains("does not fetch images").contains("unknown label 'Neutral'");

        Map<String, String> labels = labelsOf(p);
        assertThat(labels).containsEntry("1", "Positive").containsEntry("2", "Negative").containsEntry("3", "Negative")
                .containsEntry("4", null).containsEntry("5", null).hasSize(5);
    }

    @Test
    void shouldKeepEveryLabelWhenAProjectGoesToLabelStudioAndComesBack() {
        long a = project(ADMIN, "TEXT", "pos", "neg");
        List<Object> tasks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Map<String, Object> data = Map.of("text", "text number " + i + (i % 2 == 0 ? " good" : " bad"), "externalId", "t" + i);
            tasks.add(i < 15 ? task(i, data, i % 2 == 0 ? "pos" : "neg") : task(i, data));
        }
        assertThat(api().post("/api/v1/projects/" + a + "/items", ADMIN, tasks).json().get("created").asInt()).isEqualTo(40);
        // humans label more in Labelloop
        for (JsonNode item : api().get("/api/v1/projects/" + a + "/items?limit=1000", ADMIN).json()) {
            int n = Integer.parseInt(item.get("externalId").asString().substring(1));
            if (n >= 30) {
                var r = api().post("/api/v1/projects/" + a + "/items/" + item.get("id").asLong() + "/labels", ADMIN,
                        Map.of("label", n % 3 == 0 ? "pos" : "neg"));
                assertThat(r.status()).isEqualTo(201);
            }
        }
        Map<String, String> before = labelsOf(a);
        assertThat(before.values().stream().filter(java.util.Objects::nonNull)).hasSize(25);

        String file = api().get("/api/v1/projects/" + a + "/export?format=labelstudio", ADMIN).body();
        long b = project(ADMIN, "TEXT", "pos", "neg");
        var upload = api().postRaw("/api/v1/projects/" + b + "/items?format=labelstudio", ADMIN, "application/json", file);
        assertThat(upload.json().get("created").asInt()).as(upload.toString()).isEqualTo(40);
        assertThat(labelsOf(b)).isEqualTo(before);
    }

    @Test
    void shouldKeepImagesAndTheirLabelsThroughTheLabelStudioFormat() throws Exception {
        long a = project(ADMIN, "IMAGE", "light", "dark");
        List<Object> tasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            BufferedImage img = new BufferedImage(12, 12, BufferedImage.TYPE_INT_RGB);
            var g = img.createGraphics();
            g.setColor(i % 2 == 0 ? Color.WHITE : Color.DARK_GRAY);
            g.fillRect(0, 0, 12, 12);
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(img, "png", png);
            tasks.add(task(100 + i, Map.of("image", "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray())),
                    i % 2 == 0 ? "light" : "dark"));
        }
        assertThat(api().post("/api/v1/projects/" + a + "/items?format=labelstudio", ADMIN, tasks).json().get("created").asInt())
                .isEqualTo(6);
        String file = api().get("/api/v1/projects/" + a + "/export?format=labelstudio", ADMIN).body();
        assertThat(file).contains("data:image/png;base64,");
        long b = project(ADMIN, "IMAGE", "light", "dark");
        assertThat(api().postRaw("/api/v1/projects/" + b + "/items?format=labelstudio", ADMIN, "application/json", file)
                .json().get("created").asInt()).isEqualTo(6);
        assertThat(labelsOf(b)).isEqualTo(labelsOf(a)).containsEntry("100", "light").containsEntry("101", "dark");
    }

    @Test
    void shouldRefuseAnUnknownUploadFormatAndLabelStudioOnCsv() {
        long p = project(ADMIN, "TEXT", "pos", "neg");
        assertThat(api().postRaw("/api/v1/projects/" + p + "/items?format=xml", ADMIN, "application/json", "[]").status()).isEqualTo(422);
        assertThat(api().postRaw("/api/v1/projects/" + p + "/items?format=labelstudio", ADMIN, "text/csv", "externalId,text\n").status())
                .isEqualTo(422);
    }
}
