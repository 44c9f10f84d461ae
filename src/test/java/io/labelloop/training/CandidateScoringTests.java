package io.labelloop.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.shared.AdvisoryLocks;
import io.labelloop.support.ApiTest;
import io.labelloop.support.Datasets;
import io.labelloop.training.internal.TrainingScheduler;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A cycle over a pool larger than the candidate bound scores a rotating uniform window of it, so its cost stops
 * growing with the pool while every item is still scored within a few cycles; propagation reads the whole pool.
 */
@TestPropertySource(properties = "labelloop.training.candidates=" + CandidateScoringTests.BOUND)
class CandidateScoringTests extends ApiTest {

    static final int BOUND = 100;
    /** labelloop.training.busy-after-label's default. */
    private static final long BUSY_AFTER_LABEL_MILLIS = 5_000;
    private static final int LABELED = 40;
    private static final int UNLABELED = 400;

    @Autowired
    DataSource dataSource;

    @Autowired
    TrainingScheduler scheduler;

    @Test
    void shouldScoreEveryPoolItemWithinAFewCyclesWhenThePoolExceedsTheCandidateBound() {
        long p = project(UNLABELED);
        int windows = (LABELED + UNLABELED + BOUND - 1) / BOUND; // 5: cycles 5-9 are one round
        List<JsonNode> scoring = new ArrayList<>();
        for (int v = 1; v < 2 * windows; v++) {
            trainNow(p);
            scoring.add(latestModel(p).get("provenance").get("scoring"));
        }

        long round = 0;
        for (int v = windows; v < 2 * windows; v++) {
            JsonNode s = scoring.get(v - 1);
            assertThat(s.get("wholePool").asBoolean()).isFalse();
            assertThat(s.get("windows").asInt()).isEqualTo(windows);
            assertThat(s.get("pool").asLong()).isEqualTo(LABELED + UNLABELED);
            assertThat(s.get("scored").asLong()).as("version %d scores about a fifth of the pool", v).isBetween(40L, 160L);
            round += s.get("scored").asLong();
        }
        assertThat(round).as("the windows of a round cover every unlabeled item once").isEqualTo(UNLABELED);
        assertThat(latestModel(p).get("itemsScored").asLong()).isEqualTo(scoring.getLast().get("scored").asLong());
    }

    @Test
    void shouldCountItemsUploadedBetweenCyclesInTheNextCyclesPoolWhenItEncodesThem() {
        long p = project(UNLABELED);
        trainNow(p);
        List<Map<String, Object>> more = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            more.add(Map.of("externalId", "late-" + i, "features", Map.of("x", i * 0.1, "y", -i * 0.1)));
        }
        assertThat(api().post("/api/v1/projects/" + p + "/items", ADMIN, more).status()).isEqualTo(200);

        trainNow(p); // encodes the 30 new items: the pool comes from the counts taken before, plus those
        JsonNode afterUpload = latestModel(p).get("provenance").get("scoring");
        trainNow(p); // nothing new to encode
        JsonNode next = latestModel(p).get("provenance").get("scoring");

        assertThat(afterUpload.get("pool").asLong()).isEqualTo(LABELED + UNLABELED + 30);
        assertThat(next.get("pool").asLong()).isEqualTo(LABELED + UNLABELED + 30);
        assertThat(next.get("windows").asInt()).isEqualTo((LABELED + UNLABELED + 30 + BOUND - 1) / BOUND);
    }

    @Test
    void shouldSeedTheQueueFromOneWindowOfThePoolWhenThePoolExceedsTheCandidateBound() throws Exception {
        long p = project(ADMIN, "TABULAR", "pos", "neg");
        List<Map<String, Object>> rows = new ArrayList<>();
        Random random = new Random(p);
        for (int i = 0; i < UNLABELED; i++) {
            rows.add(Map.of("externalId", "u-" + i, "features", Map.of("x", random.nextGaussian(), "y", random.nextGaussian())));
        }
        assertThat(api().post("/api/v1/projects/" + p + "/items", ADMIN, rows).status()).isEqualTo(200);

        assertThat(scheduler.runDue(p)).as("no labels yet: the cycle seeds the queue").isEqualTo(1);

        var window = io.labelloop.learning.CandidateWindow.of(UNLABELED, BOUND, 0, p);
        List<Integer> slots = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); var rs = c.createStatement().executeQuery(
                "select hashint8(item_id) & 4095 from queue_entries where project_id = " + p)) {
            while (rs.next()) {
                slots.add(rs.getInt(1));
            }
        }
        assertThat(window.windows()).isEqualTo((UNLABELED + BOUND - 1) / BOUND);
        assertThat(slots).as("a seed batch, read from one window of a pool of %d", UNLABELED).isNotEmpty()
                .allMatch(window::contains);
    }

    @Test
    void shouldScoreTheWholePoolWhenItIsWithinTheCandidateBound() {
        long p = project(BOUND - LABELED);
        trainNow(p);

        JsonNode s = latestModel(p).get("provenance").get("scoring");
        assertThat(s.get("wholePool").asBoolean()).isTrue();
        assertThat(s.get("windows").asInt()).isEqualTo(1);
        assertThat(s.get("scored").asLong()).isEqualTo(BOUND - LABELED);
    }

    @Test
    void shouldScoreTheWholePoolWhenPropagationIsRequested() {
        long p = project(UNLABELED);
        trainNow(p);
        assertThat(latestModel(p).get("provenance").get("scoring").get("scored").asLong()).isLessThan(UNLABELED);

        assertThat(api().patch("/api/v1/projects/" + p, ADMIN, Map.of("autoLabelThreshold", 0.9)).status()).isEqualTo(200);
        var r = api().postRaw("/api/v1/projects/" + p + "/propagation", ADMIN, "application/json", "");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("scanned").asLong()).as("every unlabeled item, not a window").isEqualTo(UNLABELED);
    }

    @Test
    void shouldScoreOnOneShareOfTheCoresWhileAnnotatorsAreLabeling() throws InterruptedException {
        long p = project(UNLABELED);
        Thread.sleep(BUSY_AFTER_LABEL_MILLIS + 100); // the upload's labels count as labeling too
        trainNow(p);
        JsonNode idle = latestModel(p).get("provenance").get("scoring");
        JsonNode item = api().post("/api/v1/projects/" + p + "/queue/claims", ADMIN, Map.of("count", 1)).json().get("items").get(0);
        var labeled = api().post("/api/v1/projects/" + p + "/items/" + item.get("itemId").asLong() + "/labels", ADMIN,
                Map.of("label", "pos"));
        assertThat(labeled.status()).as(labeled.toString()).isEqualTo(201);
        trainNow(p);

        JsonNode busy = latestModel(p).get("provenance").get("scoring");
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(idle.get("annotatorsActive").asBoolean()).isFalse();
        assertThat(idle.get("threads").asInt()).isEqualTo(cores);
        assertThat(busy.get("annotatorsActive").asBoolean()).isTrue();
        assertThat(busy.get("threads").asInt()).as("half of %d cores (busy-share 0.5)", cores).isEqualTo(Math.max(1, cores / 2));
    }

    @Test
    void shouldScoreOnOneShareOfTheCoresWhileAnnotatorsLabelThroughAnotherInstance() throws Exception {
        long p = project(UNLABELED);
        long other = project(10);
        Thread.sleep(BUSY_AFTER_LABEL_MILLIS + 100);
        trainNow(p);
        assertThat(latestModel(p).get("provenance").get("scoring").get("annotatorsActive").asBoolean()).isFalse();
        try (Connection apiReplica = dataSource.getConnection()) {
            // a label an annotator gives on another instance (an API replica): this one hears of it only through
            // the database
            apiReplica.createStatement().executeUpdate("""
                    insert into labels (project_id, item_id, label, source)
                    select project_id, id, 'pos', 'HUMAN' from items i
                    where project_id = %d and not exists (select 1 from labels l where l.item_id = i.id) limit 1"""
                    .formatted(other));
        }
        trainNow(p);

        JsonNode busy = latestModel(p).get("provenance").get("scoring");
        assertThat(busy.get("annotatorsActive").asBoolean()).as("a label on another instance of the database").isTrue();
        assertThat(busy.get("threads").asInt()).isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    }

    @Test
    void shouldAnswerClaimsAndLabelsWhileACycleOfTheProjectHoldsItsLock() throws Exception {
        long p = project(UNLABELED);
        assertThat(api().patch("/api/v1/projects/" + p, ADMIN, Map.of("budget", 100)).status()).isEqualTo(200);
        trainNow(p);
        try (Connection cycle = dataSource.getConnection()) {
            // what a running cycle holds for its whole length, on another session
            cycle.createStatement().execute("select pg_advisory_lock(" + AdvisoryLocks.TRAINING_CYCLE + ", " + p + ")");
            assertThat(api().post("/api/v1/projects/" + p + "/training-runs", ADMIN, Map.of()).status()).isEqualTo(202);
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                JsonNode items = api().post("/api/v1/projects/" + p + "/queue/claims", ADMIN, Map.of("count", 1)).json().get("items");
                var labeled = api().post("/api/v1/projects/" + p + "/items/" + items.get(0).get("itemId").asLong() + "/labels",
                        ADMIN, Map.of("label", i % 2 == 0 ? "pos" : "neg"));
                assertThat(labeled.status()).as(labeled.toString()).isEqualTo(201);
                assertThat((System.nanoTime() - start) / 1_000_000).as("claim and label while the cycle runs (ms)")
                        .isLessThan(2_000);
            }
        }
    }

    /** A TABULAR project with 40 labeled items (two classes) and {@code unlabeled} more. */
    private long project(int unlabeled) {
        long p = project(ADMIN, "TABULAR", "pos", "neg");
        List<Map<String, Object>> rows = new ArrayList<>(Datasets.separableRows(p, LABELED));
        Random random = new Random(p);
        for (int i = 0; i < unlabeled; i++) {
            rows.add(Map.of("externalId", "u-" + i, "features", Map.of("x", random.nextGaussian(), "y", random.nextGaussian())));
        }
        var uploaded = api().post("/api/v1/projects/" + p + "/items", ADMIN, rows);
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(200);
        return p;
    }
}
