package io.labelloop.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.labelloop.support.ApiTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** {@code GET /agreement} and the consensus the model trains on, through the HTTP API (issue 18). */
class AgreementApiTests extends ApiTest {

    @Autowired
    JdbcClient jdbc;

    private long project(int items, int judgmentsPerItem) {
        var created = api().post("/api/v1/projects", ADMIN, Map.of("name", "agree-" + UUID.randomUUID(), "taskType", "TEXT",
                "labels", List.of("pos", "neg"), "judgmentsPerItem", judgmentsPerItem));
        long id = created.json().get("id").asLong();
        StringBuilder csv = new StringBuilder("id,text\n");
        for (int i = 0; i < items; i++) {
            csv.append("t").append(i).append(",").append(i % 2 == 0 ? "lovely great fine item " : "awful bad poor item ").append(i).append('\n');
        }
        assertThat(api().postRaw("/api/v1/projects/" + id + "/items", ADMIN, "text/csv", csv.toString()).status()).isEqualTo(200);
        return id;
    }

    private String member(long project, String name) {
        String token = userWithToken("ANNOTATOR", name + "-" + UUID.randomUUID().toString().substring(0, 6));
        api().post("/api/v1/projects/" + project + "/members", ADMIN, Map.of("username", usernameOf(token)));
        return token;
    }

    private List<Long> itemIds(long project) {
        List<Long> ids = new ArrayList<>();
        api().get("/api/v1/projects/" + project + "/items?limit=1000", ADMIN).json().forEach(i -> ids.add(i.get("id").asLong()));
        return ids;
    }

    private void judge(long project, String token, long itemId, String label) {
        var r = api().post("/api/v1/projects/" + project + "/items/" + itemId + "/labels", token, Map.of("label", label));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    /**
     * Two annotators, ten items, agreeing on eight: A says pos, pos, pos, pos, pos, neg x5; B the same but
     * item 4 neg and item 5 pos. By hand: kappa = (0.8 - 0.5) / (1 - 0.5) = 0.6; alpha: 20 values, 4 of the
     * pairable values disagree, D_o = 4/20, D_e = 2*10*10 / (20*19), alpha = 1 - 0.2/0.5263 = 0.62; per class 8/10.
     */
    @Test
    void shouldReportHandComputedAlphaKappaAndPerAnnotatorAgreement() {
        long p = project(10, 2);
        String a = member(p, "ann");
        String b = member(p, "bob");
        List<Long> ids = itemIds(p);
        for (int i = 0; i < 10; i++) {
            judge(p, a, ids.get(i), i < 5 ? "pos" : "neg");
        }
        for (int i = 0; i < 10; i++) {
            boolean flipped = i == 4 || i == 5;
            judge(p, b, ids.get(i), (i < 5) != flipped ? "pos" : "neg");
        }

        JsonNode r = api().get("/api/v1/projects/" + p + "/agreement", ADMIN).json();

        assertThat(r.get("items").asLong()).isEqualTo(10);
        assertThat(r.get("judgments").asLong()).isEqualTo(20);
        assertThat(r.get("alpha").asDouble()).isCloseTo(1 - 0.2 / (200.0 / 380), within(1e-9));
        assertThat(r.get("alphaLow95").asDouble()).isLessThan(r.get("alpha").asDouble());
        assertThat(r.get("alphaHigh95").asDouble()).isGreaterThan(r.get("alpha").asDouble());
        assertThat(r.get("pairs")).hasSize(1);
        assertThat(r.get("pairs").get(0).get("items").asLong()).isEqualTo(10);
        assertThat(r.get("pairs").get(0).get("kappa").asDouble()).isCloseTo(0.6, within(1e-9));
        assertThat(r.get("perClass").get(0).get("agreement").asDouble()).isCloseTo(0.8, within(1e-9));
        Map<String, JsonNode> people = new HashMap<>();
        r.get("annotators").forEach(n -> people.put(n.get("username").asString(), n));
        assertThat(people.get(usernameOf(a)).get("labels").asLong()).isEqualTo(10);
        // ties go to the earlier judgment, A's: A agrees with every final label, B with 8 of 10
        assertThat(people.get(usernameOf(a)).get("agreementWithConsensus").asDouble()).isEqualTo(1.0);
        assertThat(people.get(usernameOf(b)).get("agreementWithConsensus").asDouble()).isCloseTo(0.8, within(1e-9));
        assertThat(r.get("consensusMethod").asString()).isEqualTo("MAJORITY");
        // speed: the median time since the annotator's previous judgment (these come in quick succession)
        assertThat(people.get(usernameOf(a)).get("medianSecondsPerJudgment").asDouble()).isBetween(0.0, 60.0);
    }

    /**
     * Three annotators judge 30 items: two answer the truth, one answers the opposite on every item. Once a
     * cycle runs, every final label comes from Dawid-Skene, is the truth with a high confidence, and the
     * contrarian's estimated accuracy is near 0.
     */
    @Test
    void shouldSettleFinalLabelsByDawidSkeneBeforeTheModelTrains() {
        long p = project(30, 3);
        List<String> team = List.of(member(p, "ann"), member(p, "bob"), member(p, "cyd"));
        List<Long> ids = itemIds(p);
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < ids.size(); i++) {
                boolean truthPos = i % 2 == 0;
                judge(p, team.get(t), ids.get(i), (t == 2) != truthPos ? "pos" : "neg");
            }
        }
        var run = api().post("/api/v1/projects/" + p + "/training-runs?wait=true", ADMIN, Map.of());
        assertThat(run.status()).as(run.toString()).isBetween(200, 201);

        for (int i = 0; i < ids.size(); i++) {
            JsonNode consensus = api().get("/api/v1/projects/" + p + "/items/" + ids.get(i), ADMIN).json().get("consensus");
            assertThat(consensus.get("method").asString()).isEqualTo("DAWID_SKENE");
            assertThat(consensus.get("label").asString()).isEqualTo(i % 2 == 0 ? "pos" : "neg");
            assertThat(consensus.get("confidence").asDouble()).isGreaterThan(0.9);
        }
        JsonNode r = api().get("/api/v1/projects/" + p + "/agreement", ADMIN).json();
        assertThat(r.get("consensusMethod").asString()).isEqualTo("DAWID_SKENE");
        r.get("annotators").forEach(n -> {
            double q = n.get("estimatedAccuracy").asDouble();
            if (n.get("username").asString().startsWith("cyd")) {
                assertThat(q).isLessThan(0.1);
                assertThat(n.get("agreementWithConsensus").asDouble()).isZero();
            } else {
                assertThat(q).isGreaterThan(0.9);
            }
        });
    }

    @Test
    void shouldKeepTheModelsOutOfFoldLabelsAsConsensusVotesOnlyInAProjectWithOverlap() {
        long p = project(40, 2); // label-error detection, which votes, needs 30 training labels besides the holdout's
        List<String> team = List.of(member(p, "ann"), member(p, "bob"));
        List<Long> ids = itemIds(p);
        for (String annotator : team) {
            for (int i = 0; i < ids.size(); i++) {
                judge(p, annotator, ids.get(i), i % 2 == 0 ? "pos" : "neg");
            }
        }
        long single = project(40, 1);
        String alone = member(single, "cyd");
        List<Long> singleIds = itemIds(single);
        for (int i = 0; i < singleIds.size(); i++) {
            judge(single, alone, singleIds.get(i), i % 2 == 0 ? "pos" : "neg");
        }
        for (long project : List.of(p, single, p)) { // the second run of p settles with the first model's votes
            var run = api().post("/api/v1/projects/" + project + "/training-runs?wait=true", ADMIN, Map.of());
            assertThat(run.status()).as(run.toString()).isBetween(200, 201);
        }

        var votes = jdbc.sql("select item_id, label from model_votes where project_id = ?").param(p)
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2))).list();
        assertThat(votes).hasSize(40);
        votes.forEach(v -> assertThat(v.getValue()).isEqualTo(ids.indexOf(v.getKey()) % 2 == 0 ? "pos" : "neg"));
        assertThat(jdbc.sql("select count(*) from model_votes where project_id = ?").param(single).query(Long.class).single())
                .isZero();
        for (int i = 0; i < ids.size(); i++) {
            JsonNode consensus = api().get("/api/v1/projects/" + p + "/items/" + ids.get(i), ADMIN).json().get("consensus");
            assertThat(consensus.get("label").asString()).isEqualTo(i % 2 == 0 ? "pos" : "neg");
        }
    }

    @Test
    void shouldAnswer404ForTheAgreementOfAProjectTheCallerIsNotMemberOf() {
        long p = project(1, 2);
        String stranger = userWithToken("ANNOTATOR");
        assertThat(api().get("/api/v1/projects/" + p + "/agreement", stranger).status()).isEqualTo(404);
    }
}
