package io.labelloop.synthesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.support.ApiTest;
import io.labelloop.support.Datasets;
import io.labelloop.support.Datasets.Oracle;
import io.labelloop.training.internal.TrainingScheduler;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Synthetic items: made on request or after each model, marked and traceable, capped, rejectable, filterable. */
class SynthesisTests extends ApiTest {

    @Autowired
    TrainingScheduler scheduler;

    private final Oracle iris = Datasets.tabular("/learning/iris.csv");

    /**
     * An iris project with 30 oracle labels and a model; synthesis is turned on after the model (so the
     * queue holds no synthetic items yet) unless {@code extra} says otherwise. Returns its id.
     */
    private long trainedIris(Map<String, Object> extra) {
        Map<String, Object> settings = new HashMap<>(Map.of("name", "iris-synthesis", "taskType", "TABULAR",
                "labels", iris.labels(), "holdoutFraction", 0, "batchSize", 20));
        settings.putAll(extra);
        boolean enableAfterModel = !settings.containsKey("synthesisEnabled");
        long p = api().post("/api/v1/projects", ADMIN, settings).json().get("id").asLong();
        api().postRaw("/api/v1/projects/" + p + "/items", ADMIN, "text/csv", iris.unlabeledCsv());
        scheduler.runDue(p);
        labelClaimed(p, 30, ADMIN);
        scheduler.runDue(p);
        if (enableAfterModel) {
            api().patch("/api/v1/projects/" + p, ADMIN, Map.of("synthesisEnabled", true));
        }
        return p;
    }

    private List<JsonNode> labelClaimed(long project, int n, String token) {
        List<JsonNode> claimed = new ArrayList<>();
        for (JsonNode item : api().post("/api/v1/projects/" + project + "/queue/claims", token, Map.of("count", n)).json().get("items")) {
            claimed.add(item);
            if (!item.get("synthetic").asBoolean()) {
                var r = api().post("/api/v1/projects/" + project + "/items/" + item.get("itemId").asLong() + "/labels", token,
                        Map.of("label", iris.truth().get(item.get("externalId").asString())));
                assertThat(r.status()).as(r.toString()).isEqualTo(201);
            }
        }
        return claimed;
    }

    private static long syntheticInQueue(List<JsonNode> claimed) {
        return claimed.stream().filter(i -> i.get("synthetic").asBoolean()).count();
    }

    @Test
    void shouldRefuseSynthesisUntilTheLeadTurnsItOn() {
        long p = trainedIris(Map.of("synthesisEnabled", false));
        assertThat(api().get("/api/v1/projects/" + p + "/stats", ADMIN).json().get("synthetic").asLong()).isZero();
        var refused = api().post("/api/v1/projects/" + p + "/synthesis", ADMIN, Map.of("count", 5));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString()).contains("synthesisEnabled");

        api().patch("/api/v1/projects/" + p, ADMIN, Map.of("synthesisEnabled", true));
        var made = api().post("/api/v1/projects/" + p + "/synthesis", ADMIN, Map.of("count", 2));
        assertThat(made.status()).as(made.toString()).isEqualTo(200);
        assertThat(made.json().get("items").size()).isEqualTo(2);
    }

    @Test
    void shouldRejectABadCountWithProblemDetails() {
        long p = project(ADMIN, "TABULAR");
        for (Object count : List.of(0, 1000, "many")) {
            var r = api().post("/api/v1/projects/" + p + "/synthesis", ADMIN, Map.of("count", count));
            assertThat(r.status()).as(r.toString()).isIn(400, 422);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void shouldMarkSyntheticItemsAndNameTheItemsAndTheSeedTheyCameFrom() {
        long p = trainedIris(Map.of("synthesisMaxShare", 0.5));
        var made = api().post("/api/v1/projects/" + p + "/synthesis", ADMIN, Map.of("count", 5));
        assertThat(made.status()).as(made.toString()).isEqualTo(200);
        JsonNode items = made.json().get("items");
        assertThat(items.size()).isPositive();
        Set<Long> seeds = new HashSet<>();
        for (JsonNode item : items) {
            assertThat(item.get("synthetic").asBoolean()).isTrue();
            assertThat(item.get("externalId").asString()).startsWith("syn-");
            assertThat(item.get("method").asString()).isNotBlank();
            assertThat(item.get("features").size()).isEqualTo(4);
            assertThat(item.get("derivedFrom").size()).isBetween(1, 2);
            for (JsonNode source : item.get("derivedFrom")) {
                JsonNode parent = api().get("/api/v1/projects/" + p + "/items/" + source.asLong(), ADMIN).json();
                assertThat(parent.get("synthetic").asBoolean()).as("a synthetic item comes from real ones").isFalse();
            }
            JsonNode stored = api().get("/api/v1/projects/" + p + "/items/" + item.get("itemId").asLong(), ADMIN).json();
            assertThat(stored.get("synthetic").asBoolean()).isTrue();
            assertThat(stored.get("synthesis").get("method").asString()).isEqualTo(item.get("method").asString());
            assertThat(stored.get("synthesis").get("description").asString()).isNotBlank();
            assertThat(stored.get("synthesis").get("seed").isNumber()).as(stored.toString()).isTrue();
            seeds.add(stored.get("synthesis").get("seed").asLong());
        }
        assertThat(seeds).as("one synthesis, one named seed").hasSize(1);
        assertThat(api().get("/api/v1/projects/" + p + "/stats", ADMIN).json().get("synthetic").asLong())
                .isGreaterThanOrEqualTo(items.size());
    }

    @Test
    void shouldKeepTheSyntheticShareOfTheQueueUnderTheCap() {
        long p = trainedIris(Map.of("synthesisMaxShare", 0.2));
        var made = api().post("/api/v1/projects/" + p + "/synthesis", ADMIN, Map.of("count", 100));
        assertThat(made.status()).as(made.toString()).isEqualTo(200);
        assertThat(made.json().get("items").size()).isPositive().isLessThan(100);
        var again = api().post("/api/v1/projects/" + p + "/synthesis", ADMIN, Map.of("count", 10));
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.json().get("detail").asString()).contains("share of synthetic items");

        List<JsonNode> queue = new ArrayList<>();
        api().post("/api/v1/projects/" + p + "/queue/claims", ADMIN, Map.of("count", 100)).json().get("items").forEach(queue::add);
        long synthetic = syntheticInQueue(queue);
        assertThat(synthetic).isPositive();
        assertThat((double) synthetic / queue.size()).isLessThanOrEqualTo(0.2);
    }

    @Test
    void shouldTakeAnInvalidExampleOutOfTheQueueWithoutCostingBudget() {
        long p = trainedIris(Map.of("budget", 100, "synthesisMaxShare", 0.5));
        String annotator = userWithToken("ANNOTATOR");
        api().post("/api/v1/projects/" + p + "/members", ADMIN, Map.of("username", usernameOf(annotator)));
        api().post("/api/v1/projects/" + p + "/synthesis", ADMIN, Map.of("count", 3));
        long usedBefore = api().get("/api/v1/projects/" + p + "/stats", ADMIN).json().get("budgetUsed").asLong();

        List<JsonNode> claimed = new ArrayList<>();
        api().post("/api/v1/projects/" + p + "/queue/claims", annotator, Map.of("count", 100)).json().get("items").forEach(claimed::add);
        JsonNode synthetic = claimed.stream().filter(i -> i.get("synthetic").asBoolean()).findFirst().orElseThrow();
        assertThat(synthetic.get("reason").asString()).isEqualTo("SYNTHETIC");
        assertThat(synthetic.get("synthesis").get("derivedFrom").size()).isPositive();
        long id = synthetic.get("itemId").asLong();
        var marked = api().post("/api/v1/projects/" + p + "/items/" + id + "/invalid", annotator, Map.of());
        assertThat(marked.status()).as(marked.toString()).isEqualTo(204);
        assertThat(api().post("/api/v1/projects/" + p + "/items/" + id + "/invalid", annotator, Map.of()).status()).isEqualTo(204);

        JsonNode stats = api().get("/api/v1/projects/" + p + "/stats", ADMIN).json();
        assertThat(stats.get("budgetUsed").asLong()).isEqualTo(usedBefore);
        assertThat(stats.get("syntheticInvalid").asLong()).isEqualTo(1);
        assertThat(api().get("/api/v1/projects/" + p + "/items/" + id, ADMIN).json().get("synthesis").get("invalidAt").isNull()).isFalse();
        var label = api().post("/api/v1/projects/" + p + "/items/" + id + "/labels", annotator, Map.of("label", "setosa"));
        assertThat(label.status()).as("an invalid item is out of the queue").isIn(404, 409);

        JsonNode real = claimed.stream().filter(i -> !i.get("synthetic").asBoolean()).findFirst().orElseThrow();
        var refused = api().post("/api/v1/projects/" + p + "/items/" + real.get("itemId").asLong() + "/invalid", annotator, Map.of());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString()).contains("only synthetic items");

        scheduler.runDue(p);
        Set<Long> offered = new HashSet<>();
        for (int round = 0; round < 4; round++) {
            api().post("/api/v1/projects/" + p + "/queue/claims", ADMIN, Map.of("count", 50)).json().get("items")
                    .forEach(i -> offered.add(i.get("itemId").asLong()));
        }
        assertThat(offered).doesNotContain(id);
    }

    @Test
    void shouldChargeBudgetForALabeledSyntheticItemAndLetTheExportLeaveThemOut() {
        long p = trainedIris(Map.of("synthesisMaxShare", 0.5));
        JsonNode made = api().post("/api/v1/projects/" + p + "/synthesis", ADMIN, Map.of("count", 1)).json().get("items").get(0);
        long usedBefore = api().get("/api/v1/projects/" + p + "/stats", ADMIN).json().get("budgetUsed").asLong();
        List<JsonNode> claimed = new ArrayList<>();
        api().post("/api/v1/projects/" + p + "/queue/claims", ADMIN, Map.of("count", 100)).json().get("items").forEach(claimed::add);
        assertThat(claimed).anyMatch(i -> i.get("itemId").asLong() == made.get("itemId").asLong());
        var label = api().post("/api/v1/projects/" + p + "/items/" + made.get("itemId").asLong() + "/labels", ADMIN,
                Map.of("label", "virginica"));
        assertThat(label.status()).as(label.toString()).isEqualTo(201);
        assertThat(api().get("/api/v1/projects/" + p + "/stats", ADMIN).json().get("budgetUsed").asLong()).isEqualTo(usedBefore + 1);

        String externalId = made.get("externalId").asString();
        String all = api().get("/api/v1/projects/" + p + "/export?format=csv", ADMIN).body();
        assertThat(syntheticColumn(all, externalId)).containsExactly("true");
        String real = api().get("/api/v1/projects/" + p + "/export?format=csv&synthetic=false", ADMIN).body();
        assertThat(real).doesNotContain(externalId);
        assertThat(syntheticColumn(real, null)).isNotEmpty().containsOnly("false");
        assertThat(real.lines().count()).isEqualTo(all.lines().count() - 1);
    }

    @Test
    void shouldBringSyntheticItemsIntoTheQueueAfterEveryModelWhenOn() {
        long p = trainedIris(Map.of("synthesisMaxShare", 0.25, "synthesisEnabled", true));
        List<JsonNode> claimed = new ArrayList<>();
        api().post("/api/v1/projects/" + p + "/queue/claims", ADMIN, Map.of("count", 100)).json().get("items").forEach(claimed::add);
        assertThat(syntheticInQueue(claimed)).as("the cycle topped the queue up").isPositive();
        assertThat((double) syntheticInQueue(claimed) / claimed.size()).isLessThanOrEqualTo(0.25);
    }

    @Test
    void shouldTrainOnNoisyCopiesOnlyWhereTheLeadAsksAndOnlyForTables() {
        var text = api().post("/api/v1/projects", ADMIN, Map.of("name", "t", "taskType", "TEXT", "labels", List.of("a", "b"),
                "trainingAugmentation", true));
        assertThat(text.status()).as(text.toString()).isEqualTo(422);
        assertThat(text.body()).contains("trainingAugmentation").contains("TABULAR");

        long plain = trainedIris(Map.of("synthesisEnabled", false));
        long augmented = trainedIris(Map.of("synthesisEnabled", false, "trainingAugmentation", true));
        assertThat(api().get("/api/v1/projects/" + plain + "/models", ADMIN).body()).doesNotContain("augment");
        String models = api().get("/api/v1/projects/" + augmented + "/models", ADMIN).body();
        assertThat(models).contains("\"augment\"");
        assertThat(api().get("/api/v1/projects/" + augmented + "/stats", ADMIN).json().get("accuracy").asDouble()).isGreaterThan(0.5);
    }

    @Test
    void shouldMakeReadableTextVariantsFromTheProjectsOwnWords() {
        long p = api().post("/api/v1/projects", ADMIN, Map.of("name", "reviews", "taskType", "TEXT", "labels", List.of("good", "bad"),
                "synthesisEnabled", true, "synthesisMaxShare", 0.5, "holdoutFraction", 0)).json().get("id").asLong();
        String[] sentences = {"the soup was warm and the service quick", "a slow waiter and a cold soup",
                "lovely garden seats and fresh bread", "the bread was stale and the room noisy",
                "kind staff and a quiet corner table", "we waited an hour for a cold pizza",
                "fresh fish with a bright lemon sauce", "the fish smelled odd and the sauce was bland",
                "great coffee and a warm welcome", "bitter coffee and a rude welcome"};
        List<Map<String, Object>> upload = new ArrayList<>();
        for (int i = 0; i < sentences.length; i++) {
            upload.add(Map.of("externalId", "r-" + i, "text", sentences[i]));
        }
        assertThat(api().post("/api/v1/projects/" + p + "/items", ADMIN, upload).status()).isEqualTo(200);
        scheduler.runDue(p);
        var made = api().post("/api/v1/projects/" + p + "/synthesis", ADMIN, Map.of("count", 5));
        assertThat(made.status()).as(made.toString()).isEqualTo(200);
        for (JsonNode item : made.json().get("items")) {
            String text = item.get("text").asString();
            assertThat(text).isNotBlank();
            assertThat(item.get("method").asString()).startsWith("word-");
            var parentItem = api().get("/api/v1/projects/" + p + "/items/" + item.get("derivedFrom").get(0).asLong(), ADMIN);
            assertThat(parentItem.status()).as(parentItem.toString()).isEqualTo(200);
            String parent = parentItem.json().get("text").asString();
            assertThat(text).isNotEqualTo(parent);
        }
    }

    @Test
    void shouldStoreImageVariantsAsPicturesTheAnnotatorSees() throws IOException {
        long p = api().post("/api/v1/projects", ADMIN, Map.of("name", "shapes", "taskType", "IMAGE", "labels", List.of("dark", "light"),
                "synthesisEnabled", true, "synthesisMaxShare", 0.5)).json().get("id").asLong();
        List<Map<String, Object>> upload = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            upload.add(Map.of("externalId", "img-" + i, "image", png(i)));
        }
        assertThat(api().post("/api/v1/projects/" + p + "/items", ADMIN, upload).status()).isEqualTo(200);
        scheduler.runDue(p);
        var made = api().post("/api/v1/projects/" + p + "/synthesis", ADMIN, Map.of("count", 3));
        assertThat(made.status()).as(made.toString()).isEqualTo(200);
        JsonNode item = made.json().get("items").get(0);
        var image = api().get(item.get("imageUrl").asString(), ADMIN);
        assertThat(image.status()).isEqualTo(200);
        assertThat(image.contentType()).isEqualTo("image/png");
        BufferedImage decoded = ImageIO.read(new java.io.ByteArrayInputStream(image.bytes()));
        assertThat(decoded.getWidth()).isEqualTo(28);
        assertThat(item.get("method").asString()).doesNotContain("flip");
    }

    private static String png(int seed) throws IOException {
        BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(new Color(20 * seed % 255, 90, 140));
        g.fillRect(0, 0, 40, 40);
        g.setColor(Color.WHITE);
        g.fillOval(4 + seed, 6, 12 + seed, 20);
        g.dispose();
        var out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    /** The export's {@code synthetic} column, of the row with this externalId or of every row when null. */
    private static List<String> syntheticColumn(String csv, String externalId) {
        try (var parser = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new java.io.StringReader(csv))) {
            return parser.stream().filter(r -> externalId == null || r.get("externalId").equals(externalId))
                    .map(r -> r.get("synthetic")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
