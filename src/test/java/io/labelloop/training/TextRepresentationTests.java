package io.labelloop.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.embedding.EmbeddingJob;
import io.labelloop.support.ApiTest;
import io.labelloop.training.internal.RetrainCycle;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A TEXT project's model learns from sentence embeddings ({@code textRepresentation} EMBEDDINGS, BOTH or AUTO) once
 * every item has one: before that the queue works on n-grams, and the next cycle after they are ready switches,
 * with no cycle in between that leaves the queue empty. Predictions of new texts embed them on the fly.
 */
class TextRepresentationTests extends ApiTest {

    @Autowired
    EmbeddingJob job;

    @Autowired
    RetrainCycle cycles;

    private final Map<String, String> truth = new HashMap<>();

    private static final String[] FRUIT = {"apple", "banana", "ripe pear", "sweet mango", "fresh cherries",
            "juicy orange", "a bowl of grapes", "strawberry jam", "peach", "plum"};
    private static final String[] VEHICLE = {"truck", "bicycle", "red car", "the bus", "a motorbike",
            "electric scooter", "train wagon", "old tractor", "taxi", "van"};

    private long textProject(Map<String, Object> extra, int items) {
        Map<String, Object> settings = new HashMap<>(Map.of("name", "meaning", "taskType", "TEXT",
                "labels", List.of("fruit", "vehicle"), "batchSize", 20, "retrainEvery", 1000, "holdoutFraction", 0));
        settings.putAll(extra);
        var created = api().post("/api/v1/projects", ADMIN, settings);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        Random rnd = new Random(5);
        StringBuilder csv = new StringBuilder("externalId,text\n");
        for (int i = 0; i < items; i++) {
            boolean fruit = i % 2 == 0;
            String[] words = fruit ? FRUIT : VEHICLE;
            String text = "I saw " + words[rnd.nextInt(words.length)] + " and " + words[rnd.nextInt(words.length)] + " today";
            csv.append("t").append(i).append(',').append(text).append('\n');
            truth.put("t" + i, fruit ? "fruit" : "vehicle");
        }
        var upload = api().postRaw("/api/v1/projects/" + id + "/items", ADMIN, "text/csv", csv.toString());
        assertThat(upload.json().get("created").asInt()).as(upload.toString()).isEqualTo(items);
        return id;
    }

    /** Claims up to {@code count} items and labels them with the truth; returns how many the queue handed out. */
    private int labelClaimed(long project, int count) {
        JsonNode items = api().post("/api/v1/projects/" + project + "/queue/claims", ADMIN, Map.of("count", count))
                .json().get("items");
        for (JsonNode item : items) {
            var r = api().post("/api/v1/projects/" + project + "/items/" + item.get("itemId").asLong() + "/labels",
                    ADMIN, Map.of("label", truth.get(item.get("externalId").asString())));
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
        }
        return items.size();
    }


    @Test
    void shouldTrainOnBothWhenALeadSetsBothAndPredictNewTextsThroughTheirEmbeddings() {
        long p = textProject(Map.of("textRepresentation", "BOTH"), 80);
        assertThat(job.embedProject(p)).isEqualTo(80);
        trainNow(p); // cold start
        assertThat(labelClaimed(p, 20)).isEqualTo(20);
        trainNow(p);
        assertThat(labelClaimed(p, 20)).isEqualTo(20);
        trainNow(p);

        JsonNode model = latestModel(p);
        assertThat(model.get("textRepresentation").asString()).isEqualTo("BOTH");
        assertThat(model.get("representation").asString()).isEqualTo("BOTH");
        assertThat(model.get("provenance").get("text").get("embeddingsRead").asBoolean()).isTrue();
        assertThat(model.get("provenance").get("text").get("setting").asString()).isEqualTo("BOTH");

        var predicted = api().post("/api/v1/projects/" + p + "/predictions", ADMIN, List.of(
                Map.of("externalId", "new-1", "text", "a ripe banana"),
                Map.of("externalId", "new-2", "text", "the red car")));
        assertThat(predicted.status()).as(predicted.toString()).isEqualTo(200);
        assertThat(predicted.json().get(0).get("label").asString()).isEqualTo("fruit");
        assertThat(predicted.json().get(1).get("label").asString()).isEqualTo("vehicle");
        assertThat(predicted.json().get(0).get("modelVersion").asInt()).isEqualTo(model.get("version").asInt());

        // a streamed text is scored as it arrives, before the background job has embedded it
        var streamed = api().post("/api/v1/projects/" + p + "/stream", ADMIN,
                Map.of("externalId", "s-1", "text", "I saw a sweet mango and a plum today"));
        assertThat(streamed.status()).as(streamed.toString()).isEqualTo(200);
        assertThat(streamed.json().get("modelVersion").asInt()).isEqualTo(model.get("version").asInt());
        assertThat(streamed.json().get("label").asString()).isEqualTo("fruit");
    }

    @Test
    void shouldKeepNgramsAndAFilledQueueUntilTheEmbeddingsAreReadyThenSwitchInTheNextCycle() {
        long p = textProject(Map.of(), 120); // AUTO by default, nothing embedded yet
        trainNow(p);
        assertThat(labelClaimed(p, 20)).isEqualTo(20);
        trainNow(p);
        assertThat(labelClaimed(p, 20)).isEqualTo(20);
        trainNow(p);

        JsonNode ngrams = latestModel(p);
        assertThat(ngrams.get("textRepresentation").asString()).isEqualTo("NGRAMS");
        assertThat(ngrams.get("provenance").get("text").get("embeddingsRead").asBoolean()).isFalse();
        assertThat(ngrams.get("provenance").get("text").get("note").asString()).contains("n-grams until", "0 of 120");
        assertThat(cycles.run(p, false).outcome()).as("nothing due while embeddings wait")
                .isEqualTo(RetrainCycle.Outcome.NOTHING_TO_DO);

        assertThat(job.embedProject(p)).isEqualTo(120);
        // the queue the n-gram model filled is still there: annotators go on while the next cycle is due
        assertThat(labelClaimed(p, 5)).isEqualTo(5);
        RetrainCycle.Result switched = cycles.run(p, false);

        assertThat(switched.outcome()).as("the embeddings getting ready makes a cycle due").isEqualTo(RetrainCycle.Outcome.TRAINED);
        JsonNode model = latestModel(p);
        assertThat(model.get("version").asInt()).isEqualTo(ngrams.get("version").asInt() + 1);
        assertThat(model.get("provenance").get("text").get("embeddingsRead").asBoolean()).isTrue();
        assertThat(model.get("candidates").findValuesAsString("representation")).contains("STANDARD", "EMBEDDINGS", "BOTH");
        assertThat(model.get("textRepresentation").asString()).isIn("NGRAMS", "EMBEDDINGS", "BOTH");
        assertThat(cycles.run(p, false).outcome()).as("no further cycle once switched").isEqualTo(RetrainCycle.Outcome.NOTHING_TO_DO);
        assertThat(labelClaimed(p, 20)).as("the queue stays filled after the switch").isEqualTo(20);
    }

    @Test
    void shouldKeepNgramsForALeadWhoPinnedThemWhenEmbeddingsAreReady() {
        long p = textProject(Map.of("textRepresentation", "NGRAMS"), 60);
        assertThat(job.embedProject(p)).isEqualTo(60);
        trainNow(p);
        assertThat(labelClaimed(p, 20)).isEqualTo(20);
        trainNow(p);

        JsonNode model = latestModel(p);
        assertThat(model.get("textRepresentation").asString()).isEqualTo("NGRAMS");
        assertThat(model.get("provenance").get("text").get("embeddingsRead").asBoolean()).isFalse();
        assertThat(model.get("provenance").get("text").has("note")).isFalse();
    }
}
