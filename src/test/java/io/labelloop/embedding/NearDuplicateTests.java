package io.labelloop.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.support.ApiTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Near-duplicates through the API: an upload's report counts the items that mean what an item embedded before them
 * means (exact copies under another externalId too) once the background job has embedded them, and a project that
 * skips near-duplicates does not queue one whose twin is labeled.
 */
class NearDuplicateTests extends ApiTest {

    private static final String FIRST = """
            externalId,text
            box,"The parcel came late and the box was crushed."
            stale,"Stale bread, I will never buy it again."
            rude,"The waiter was rude and ignored us all evening."
            phone,"My phone battery dies after two hours."
            sunny,"Lovely sunny weather for the picnic today."
            train,"The train was cancelled so I missed my meeting."
            """;

    private static final String SECOND = """
            externalId,text
            box-copy,"The parcel came late and the box was crushed."
            stale-again,"Stale bread. I will never buy it again!"
            mouse,"The wireless mouse stopped working after a week."
            mouse-2,"The wireless mouse stopped working after one week."
            song,"What a beautiful song, I listen to it every day."
            food,"The milk went off before the date on the carton."
            """;

    @Autowired
    EmbeddingJob job;

    @Test
    void shouldCountAnUploadsNearDuplicatesOnceItsItemsAreEmbedded() {
        long p = project(ADMIN, "TEXT", "pos", "neg");
        upload(p, FIRST);
        job.embedProject(p);
        long second = upload(p, SECOND);

        JsonNode pending = report(p, second).get("nearDuplicates");
        assertThat(pending.get("state").asString()).isEqualTo("PENDING");
        assertThat(pending.get("items").asLong()).isEqualTo(6);
        assertThat(pending.get("embedded").asLong()).isZero();

        job.embedProject(p);
        JsonNode report = report(p, second);
        assertThat(report.get("created").asLong()).isEqualTo(6);
        JsonNode near = report.get("nearDuplicates");
        assertThat(near.get("state").asString()).isEqualTo("DONE");
        assertThat(near.get("embedded").asLong()).isEqualTo(6);
        Map<String, String> pairs = new HashMap<>();
        for (JsonNode e : near.get("examples")) {
            pairs.put(e.get("externalId").asString(), e.get("duplicateOf").get("externalId").asString());
            assertThat(e.get("similarity").asDouble()).isGreaterThanOrEqualTo(0.95);
        }
        assertThat(pairs).containsEntry("box-copy", "box").containsEntry("stale-again", "stale")
                .containsEntry("mouse-2", "mouse").hasSize(3);
        assertThat(near.get("count").asLong()).isEqualTo(3);
        assertThat(report(p, upload(p, FIRST)).get("nearDuplicates").get("count").asLong())
                .as("an upload of externalIds already stored creates nothing, so it has no near-duplicates").isZero();
    }

    @Test
    void shouldNotQueueANearDuplicateOfALabeledItemWhenTheProjectSkipsThem() {
        assertThat(queuedAfterLabeling(true)).hasSize(7).contains("song", "food", "rude")
                .doesNotContain("box-copy", "stale-again");
        assertThat(queuedAfterLabeling(false)).as("without the setting every unlabeled item is queued")
                .hasSize(10).contains("box-copy", "stale-again", "mouse", "mouse-2");
    }

    @Test
    void shouldQueueOnlyOneOfTwoNearDuplicatesThatAreBothUnlabeled() {
        List<String> queued = queuedAfterLabeling(true);
        assertThat(queued.contains("mouse") ^ queued.contains("mouse-2")).as(queued.toString()).isTrue();
    }

    @Test
    void shouldAnswerProblemDetailsForAnUnknownUploadAndLeaveOtherTaskTypesWithoutNearDuplicates() {
        long p = project(ADMIN, "TEXT", "pos", "neg");
        var missing = api().get("/api/v1/projects/" + p + "/uploads/987654321", ADMIN);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).contains("application/problem+json");

        long tabular = project(ADMIN, "TABULAR", "a", "b");
        long upload = upload(tabular, "externalId,f1\nr1,0.5\nr2,0.7\n");
        JsonNode report = report(tabular, upload);
        assertThat(report.get("created").asLong()).isEqualTo(2);
        assertThat(report.has("nearDuplicates")).isFalse();

        String annotator = userWithToken("ANNOTATOR");
        assertThat(api().get("/api/v1/projects/" + p + "/uploads/" + upload, annotator).status()).isIn(403, 404);
    }

    /**
     * Labels box and stale in a project of FIRST and SECOND, trains, and returns the externalIds of the entries the
     * cycle queued (a claim of as many as are queued; a larger one would add unranked pool items behind them).
     */
    private List<String> queuedAfterLabeling(boolean skip) {
        long p = project(ADMIN, "TEXT", "pos", "neg");
        var patched = api().patch("/api/v1/projects/" + p, ADMIN, Map.of("skipNearDuplicates", skip, "holdoutFraction", 0,
                "batchSize", 100));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().get("skipNearDuplicates").asBoolean()).isEqualTo(skip);
        upload(p, FIRST);
        upload(p, SECOND);
        job.embedProject(p);
        JsonNode items = api().get("/api/v1/projects/" + p + "/items?limit=100", ADMIN).json();
        for (JsonNode item : items) {
            String id = item.get("externalId").asString();
            if (id.equals("box") || id.equals("stale")) {
                var labeled = api().post("/api/v1/projects/" + p + "/items/" + item.get("id").asLong() + "/labels", ADMIN,
                        Map.of("label", id.equals("box") ? "neg" : "pos"));
                assertThat(labeled.status()).as(labeled.toString()).isIn(200, 201);
            }
        }
        var run = api().post("/api/v1/projects/" + p + "/training-runs?wait=true", ADMIN, Map.of());
        assertThat(run.status()).as(run.toString()).isEqualTo(200);
        long queued = api().get("/api/v1/projects/" + p + "/stats", ADMIN).json().get("queued").asLong();
        var claimed = api().post("/api/v1/projects/" + p + "/queue/claims", ADMIN, Map.of("count", queued));
        assertThat(claimed.status()).as(claimed.toString()).isEqualTo(200);
        return claimed.json().get("items").findValuesAsString("externalId");
    }

    private long upload(long p, String csv) {
        var r = api().postRaw("/api/v1/projects/" + p + "/items", ADMIN, "text/csv", csv);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("uploadId").asLong()).isPositive();
        return r.json().get("uploadId").asLong();
    }

    private JsonNode report(long p, long upload) {
        var r = api().get("/api/v1/projects/" + p + "/uploads/" + upload, ADMIN);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }
}
