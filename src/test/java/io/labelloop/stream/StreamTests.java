package io.labelloop.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.support.ApiTest;
import io.labelloop.support.Datasets;
import io.labelloop.support.Datasets.Oracle;
import io.labelloop.training.internal.TrainingScheduler;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Items arriving one at a time: auto-labeled when the model is sure, else queued for a human within the budget. */
class StreamTests extends ApiTest {

    @Autowired
    TrainingScheduler scheduler;

    private final Oracle iris = Datasets.tabular("/learning/iris.csv");

    /** An iris project with a model trained on 30 oracle labels of the first 120 rows; returns its id. */
    private long trainedProject(Map<String, Object> extra) {
        // the thresholds are under test, not the family: on these 30 separable labels a kernel model chosen by
        // AUTO can be as sure of the borderline flower as of the textbook one (both 1.0), which these tests compare
        Map<String, Object> settings = new HashMap<>(Map.of("name", "iris-stream", "taskType", "TABULAR",
                "labels", iris.labels(), "holdoutFraction", 0, "modelFamily", "LINEAR"));
        settings.putAll(extra);
        long p = api().post("/api/v1/projects", ADMIN, settings).json().get("id").asLong();
        String[] lines = iris.unlabeledCsv().split("\n");
        api().postRaw("/api/v1/projects/" + p + "/items", ADMIN, "text/csv", String.join("\n", List.of(lines).subList(0, 121)) + "\n");
        var items = api().get("/api/v1/projects/" + p + "/items?limit=200", ADMIN).json();
        for (int i = 0; i < items.size(); i += 4) {
            JsonNode item = items.get(i);
            api().post("/api/v1/projects/" + p + "/items/" + item.get("id").asLong() + "/labels", ADMIN,
                    Map.of("label", iris.truth().get(item.get("externalId").asString())));
        }
        scheduler.runDue(p);
        assertThat(api().get("/api/v1/projects/" + p + "/stats", ADMIN).json().get("modelVersion").asInt()).isEqualTo(1);
        return p;
    }

    private JsonNode post(long project, String externalId, double... f) {
        Map<String, Object> features = new LinkedHashMap<>();
        String[] names = {"sepal_length", "sepal_width", "petal_length", "petal_width"};
        for (int i = 0; i < f.length; i++) {
            features.put(names[i], f[i]);
        }
        var r = api().post("/api/v1/projects/" + project + "/stream", ADMIN, Map.of("externalId", externalId, "features", features));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    @Test
    void shouldQueueEverythingBeforeTheFirstModel() {
        long p = project(ADMIN, "TABULAR", "setosa", "virginica");

        var d = post(p, "s-1", 5.1, 3.5, 1.4, 0.2);

        assertThat(d.get("decision").asString()).isEqualTo("QUEUED");
        assertThat(d.get("label").isNull()).isTrue();
        var claimed = api().post("/api/v1/projects/" + p + "/queue/claims", ADMIN, Map.of("count", 1)).json().get("items");
        assertThat(claimed.get(0).get("externalId").asString()).isEqualTo("s-1");
        assertThat(claimed.get(0).get("reason").asString()).isEqualTo("STREAM");
    }

    @Test
    void shouldDrawTheHoldoutFromTheStreamSoThatAStreamOnlyProjectCalibratesAndAutoLabels() {
        long p = api().post("/api/v1/projects", ADMIN, Map.of("name", "stream-only", "taskType", "TABULAR",
                "labels", iris.labels(), "holdoutFraction", 0.3, "autoLabelTargetAccuracy", 0.8, "retrainEvery", 10))
                .json().get("id").asLong();
        List<String> rows = new java.util.ArrayList<>(List.of(iris.unlabeledCsv().split("\n")).subList(1, 151));
        java.util.Collections.shuffle(rows, new java.util.Random(7));
        List<String> decisions = new java.util.ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            String[] v = rows.get(i).split(",");
            decisions.add(post(p, v[0], Double.parseDouble(v[1]), Double.parseDouble(v[2]), Double.parseDouble(v[3]),
                    Double.parseDouble(v[4])).get("decision").asString());
            if (i % 10 == 9) { // annotators keep up with the queue; the job retrains
                for (JsonNode item : api().post("/api/v1/projects/" + p + "/queue/claims", ADMIN, Map.of("count", 50)).json().get("items")) {
                    api().post("/api/v1/projects/" + p + "/items/" + item.get("itemId").asLong() + "/labels", ADMIN,
                            Map.of("label", iris.truth().get(item.get("externalId").asString())));
                }
                scheduler.runDue(p);
            }
        }
        JsonNode stats = api().get("/api/v1/projects/" + p + "/stats", ADMIN).json();
        double share = stats.get("holdoutLabeled").asDouble() / stats.get("humanLabeled").asDouble();
        assertThat(share).as("the holdout keeps its share of human labels").isBetween(0.25, 0.35);
        assertThat(decisions.subList(100, 150)).as("calibrated thresholds start auto-labeling: "
                + api().get("/api/v1/projects/" + p + "/models", ADMIN).json().valueStream()
                        .map(m -> m.get("version") + ": " + m.get("autoLabelThresholds")).toList() + " " + stats)
                .contains("AUTO_LABELED");
    }

    @Test
    void shouldAutoLabelAtOrAboveTheThresholdAndQueueBelowIt() {
        long p = trainedProject(Map.of());
        double sureConfidence = predicted(p, 5.0, 3.4, 1.5, 0.2);
        double unsureConfidence = predicted(p, 6.0, 2.8, 4.9, 1.7);
        assertThat(sureConfidence).as("a textbook setosa is surer than a borderline flower").isGreaterThan(unsureConfidence);
        double threshold = (sureConfidence + unsureConfidence) / 2;
        api().patch("/api/v1/projects/" + p, ADMIN, Map.of("autoLabelThreshold", threshold));

        JsonNode sure = post(p, "sure-setosa", 5.0, 3.4, 1.5, 0.2);
        JsonNode unsure = post(p, "between", 6.0, 2.8, 4.9, 1.7);

        assertThat(sure.get("decision").asString()).as(sure.toString()).isEqualTo("AUTO_LABELED");
        assertThat(sure.get("label").asString()).isEqualTo("setosa");
        assertThat(sure.get("confidence").asDouble()).isGreaterThanOrEqualTo(threshold);
        assertThat(unsure.get("decision").asString()).as(unsure.toString()).isEqualTo("QUEUED");
        assertThat(unsure.get("confidence").asDouble()).isLessThan(threshold);
        assertThat(api().get("/api/v1/projects/" + p + "/stats", ADMIN).json().get("autoLabeled").asLong()).isEqualTo(1);
    }

    private double predicted(long p, double... f) {
        var r = api().post("/api/v1/projects/" + p + "/predictions", ADMIN, List.of(Map.of("features", f)));
        return r.json().get(0).get("confidence").asDouble();
    }

    @Test
    void shouldTreatAConfidenceEqualToTheThresholdAsSureEnough() {
        long p = trainedProject(Map.of());
        double confidence = predicted(p, 6.0, 2.8, 4.9, 1.7);
        assertThat(confidence).isLessThan(1.0);

        api().patch("/api/v1/projects/" + p, ADMIN, Map.of("autoLabelThreshold", Math.nextUp(confidence)));
        JsonNode justBelow = post(p, "just-below", 6.0, 2.8, 4.9, 1.7);
        api().patch("/api/v1/projects/" + p, ADMIN, Map.of("autoLabelThreshold", confidence));
        JsonNode equal = post(p, "equal", 6.0, 2.8, 4.9, 1.7);

        assertThat(justBelow.get("decision").asString()).isEqualTo("QUEUED");
        assertThat(equal.get("confidence").asDouble()).isEqualTo(confidence);
        assertThat(equal.get("decision").asString()).isEqualTo("AUTO_LABELED");
    }

    @Test
    void shouldStopQueueingOnceTheBudgetIsSpokenFor() {
        long p = trainedProject(Map.of("budget", 31));

        var first = post(p, "u-1", 6.0, 2.8, 4.9, 1.7);
        var second = post(p, "u-2", 6.1, 2.9, 4.8, 1.8);
        var third = post(p, "u-3", 6.2, 2.7, 5.0, 1.6);

        assertThat(first.get("decision").asString()).isEqualTo("QUEUED");
        assertThat(second.get("decision").asString()).isEqualTo("NOT_QUEUED");
        assertThat(third.get("decision").asString()).isEqualTo("NOT_QUEUED");
        assertThat(api().get("/api/v1/projects/" + p + "/stats", ADMIN).json().get("items").asLong())
                .as("every item is stored").isEqualTo(123);
    }

    @Test
    void shouldKeepTheAuditShareOfTheBudgetForAudits() {
        // 30 labels are spent; an audit share of 0.25 keeps 12 of the 45 (rounded up) for audits, leaving 3 for unsure items
        long p = trainedProject(Map.of("budget", 45, "auditFraction", 0.25));
        // the model's seed is the project's id, so how sure it is varies from run to run: the threshold lies
        // between the surest of the unsure items and the least sure of the sure ones posted below
        double unsureMax = java.util.stream.IntStream.range(0, 8).mapToDouble(i -> predicted(p, 6.0, 2.8, 4.9, 1.7 - i * 0.001))
                .max().orElseThrow();
        double sureMin = java.util.stream.IntStream.range(0, 40).mapToDouble(i -> predicted(p, 5.0, 3.4, 1.5, 0.2 + i * 0.0001))
                .min().orElseThrow();
        assertThat(sureMin).isGreaterThan(unsureMax);
        double threshold = (sureMin + unsureMax) / 2;
        api().patch("/api/v1/projects/" + p, ADMIN, Map.of("autoLabelThreshold", threshold));
        List<String> unsure = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            unsure.add(post(p, "unsure-" + i, 6.0, 2.8, 4.9, 1.7 - i * 0.001).get("decision").asString());
        }
        assertThat(unsure.stream().filter("QUEUED"::equals).count()).isEqualTo(3);
        assertThat(unsure.subList(3, 8)).containsOnly("NOT_QUEUED");

        long audits = 0;
        for (int i = 0; i < 40 && audits == 0; i++) {
            var sure = post(p, "sure-" + i, 5.0, 3.4, 1.5, 0.2 + i * 0.0001);
            assertThat(sure.get("decision").asString()).isEqualTo("AUTO_LABELED");
            audits = api().get("/api/v1/projects/" + p + "/stats", ADMIN).json().get("stream").get("auditsSent").asLong();
        }
        assertThat(audits).as("the reserve still pays for audits").isEqualTo(1);
    }

    @Test
    void shouldReturnTheStoredDecisionWhenAnItemIsPostedAgain() {
        long p = trainedProject(Map.of("autoLabelThreshold", 0.99));
        var first = post(p, "again", 5.0, 3.4, 1.5, 0.2);

        var second = post(p, "again", 7.7, 2.6, 6.9, 2.3);

        assertThat(second.get("itemId").asLong()).isEqualTo(first.get("itemId").asLong());
        assertThat(second.get("decision").asString()).isEqualTo(first.get("decision").asString());
        assertThat(second.get("label").asString()).isEqualTo(first.get("label").asString());
    }

    @Test
    void shouldRejectABadItemWith422NamingItsFieldAndStoreNothing() {
        long p = project(ADMIN, "TABULAR", "a", "b");

        var noId = api().post("/api/v1/projects/" + p + "/stream", ADMIN, Map.of("features", Map.of("x", 1)));
        var badFeature = api().post("/api/v1/projects/" + p + "/stream", ADMIN, Map.of("externalId", "x", "features", Map.of("x", "many")));
        var badLabel = api().post("/api/v1/projects/" + p + "/stream", ADMIN, Map.of("externalId", "y", "features", Map.of("x", 1), "label", "c"));

        assertThat(noId.status()).isEqualTo(422);
        assertThat(badFeature.status()).isEqualTo(422);
        assertThat(badLabel.status()).isEqualTo(422);
        assertThat(noId.json().get("errors").findValuesAsString("field")).containsExactly("externalId");
        assertThat(badFeature.json().get("errors").findValuesAsString("field")).containsExactly("features");
        assertThat(badLabel.json().get("errors").findValuesAsString("field")).containsExactly("label");
        assertThat(api().get("/api/v1/projects/" + p + "/stats", ADMIN).json().get("items").asLong()).isZero();
    }

    @Test
    void shouldSendTheAuditShareOfAutoLabelsToHumansAndReportTheirAccuracy() {
        long p = trainedProject(Map.of("autoLabelThreshold", 0.5, "auditFraction", 1.0));
        var sure = post(p, "audited", 5.0, 3.4, 1.5, 0.2);
        assertThat(sure.get("decision").asString()).isEqualTo("AUTO_LABELED");

        var claimed = api().post("/api/v1/projects/" + p + "/queue/claims", ADMIN, Map.of("count", 5)).json().get("items");
        JsonNode audit = claimed.valueStream().filter(i -> i.get("externalId").asString().equals("audited")).findFirst().orElseThrow();
        assertThat(audit.get("reason").asString()).isEqualTo("AUDIT");
        api().post("/api/v1/projects/" + p + "/items/" + audit.get("itemId").asLong() + "/labels", ADMIN, Map.of("label", "setosa"));

        var stats = api().get("/api/v1/projects/" + p + "/stats", ADMIN).json().get("autoLabelAudit");
        assertThat(stats.get("audited").asLong()).isEqualTo(1);
        assertThat(stats.get("accuracy").asDouble()).isEqualTo(1.0);
        assertThat(stats.get("low95").asDouble()).isBetween(0.1, 0.9);
        var export = api().get("/api/v1/projects/" + p + "/export?format=jsonl", ADMIN).body();
        assertThat(export).contains("\"externalId\":\"audited\",\"label\":\"setosa\",\"source\":\"AUTO\"")
                .contains("\"externalId\":\"audited\",\"label\":\"setosa\",\"source\":\"HUMAN\"");
    }

    @Test
    void shouldDrawAboutTheConfiguredShareForAudit() {
        var defaults = io.labelloop.project.ProjectSettings.defaults(io.labelloop.learning.TaskType.TEXT);
        var project = new io.labelloop.project.Project(1, "p", defaults.taskType(), List.of("a", "b"), defaults.queue(),
                defaults.model(), new io.labelloop.project.AutoLabelSettings(null, null, 0.1), defaults.stream(),
                defaults.synthesis(), defaults.labelingPage(), defaults.team(), null, null);
        long drawn = java.util.stream.LongStream.range(1, 20_001).filter(id -> StreamPolicy.drawnForAudit(project, id)).count();
        assertThat(drawn).isBetween(1_800L, 2_200L);
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private long autoLabelCount(long p) {
        return jdbc.sql("select count(*) from labels where project_id = ? and source = 'AUTO'").param(p).query(Long.class).single();
    }

    @Test
    void shouldPropagateConfidentLabelsToThePoolAndLeaveHumanLabelsAlone() {
        long p = trainedProject(Map.of("autoLabelThreshold", 0.8));

        var r = api().postRaw("/api/v1/projects/" + p + "/propagation", ADMIN, "application/json", "");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        long labeled = r.json().get("autoLabeled").asLong();
        assertThat(r.json().get("scanned").asLong()).as("120 items, 30 labeled by people").isEqualTo(90);
        assertThat(labeled).isBetween(1L, 90L);
        assertThat(api().get("/api/v1/projects/" + p + "/stats", ADMIN).json().get("autoLabeled").asLong()).isEqualTo(labeled);
        assertThat(jdbc.sql("""
                select count(*) from labels a join labels h on h.item_id = a.item_id and h.source = 'HUMAN'
                where a.project_id = ? and a.source = 'AUTO'""").param(p).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select min(confidence) from labels where project_id = ? and source = 'AUTO'").param(p)
                .query(Double.class).single()).isGreaterThanOrEqualTo(0.8);
        assertThat(api().get("/api/v1/projects/" + p + "/export?format=csv&source=AUTO", ADMIN).body().lines().count())
                .isEqualTo(labeled + 1);
        assertThat(api().get("/api/v1/projects/" + p + "/export?format=csv&source=HUMAN", ADMIN).body().lines().count())
                .isEqualTo(31);
    }

    @Test
    void shouldLetALaterHumanLabelWinOverAMachineLabel() {
        long p = trainedProject(Map.of("autoLabelThreshold", 0.8));
        api().postRaw("/api/v1/projects/" + p + "/propagation", ADMIN, "application/json", "");
        var auto = jdbc.sql("select item_id, label from labels where project_id = ? and source = 'AUTO' limit 1").param(p)
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2))).single();
        String other = iris.labels().stream().filter(l -> !l.equals(auto.getValue())).findFirst().orElseThrow();

        var human = api().post("/api/v1/projects/" + p + "/items/" + auto.getKey() + "/labels", ADMIN, Map.of("label", other));
        api().postRaw("/api/v1/projects/" + p + "/training-runs?wait=true", ADMIN, "application/json", "");

        assertThat(human.status()).isEqualTo(201);
        var item = api().get("/api/v1/projects/" + p + "/items/" + auto.getKey(), ADMIN).json();
        assertThat(item.get("labels").findValuesAsString("source")).contains("AUTO", "HUMAN");
        var models = api().get("/api/v1/projects/" + p + "/models", ADMIN).json();
        assertThat(models.get(models.size() - 1).get("labelCount").asInt()).as("the human label trains").isEqualTo(31);
    }

    @Test
    void shouldRefusePropagationBeforeAModelOrWithoutAThreshold() {
        long noModel = project(ADMIN, "TEXT", "a", "b");
        api().patch("/api/v1/projects/" + noModel, ADMIN, Map.of("autoLabelThreshold", 0.9));
        long noThreshold = trainedProject(Map.of());

        assertThat(api().postRaw("/api/v1/projects/" + noModel + "/propagation", ADMIN, "application/json", "").status()).isEqualTo(409);
        assertThat(api().postRaw("/api/v1/projects/" + noThreshold + "/propagation", ADMIN, "application/json", "").status()).isEqualTo(409);
    }

    @Test
    void shouldReDecideMachineLabelsWhenANewModelArrives() throws Exception {
        long p = trainedProject(Map.of("autoLabelThreshold", 0.6, "retrainEvery", 1));
        long before = api().postRaw("/api/v1/projects/" + p + "/propagation", ADMIN, "application/json", "").json()
                .get("autoLabeled").asLong();
        assertThat(before).isPositive();
        api().patch("/api/v1/projects/" + p, ADMIN, Map.of("autoLabelThreshold", 0.999999));
        long itemId = api().post("/api/v1/projects/" + p + "/queue/claims", ADMIN, Map.of("count", 1)).json()
                .get("items").get(0).get("itemId").asLong();
        String externalId = api().get("/api/v1/projects/" + p + "/items/" + itemId, ADMIN).json().get("externalId").asString();
        api().post("/api/v1/projects/" + p + "/items/" + itemId + "/labels", ADMIN, Map.of("label", iris.truth().get(externalId)));

        scheduler.runDue(p);
        int version = 0;
        for (int i = 0; i < 100 && version < 2; i++) {
            Thread.sleep(100);
            version = jdbc.sql("select coalesce((select model_version from propagations where project_id = ?), 0)")
                    .param(p).query(Integer.class).single();
        }

        assertThat(version).as("re-propagated with model v2").isEqualTo(2);
        assertThat(jdbc.sql("""
                select count(*) from labels a where a.project_id = ? and a.source = 'AUTO'
                and (a.model_version <> 2 or a.confidence < 0.999999)
                and not exists (select 1 from labels h where h.item_id = a.item_id and h.source = 'HUMAN')""")
                .param(p).query(Long.class).single())
                .as("every machine label was re-decided by model v2 under the stricter threshold").isZero();
        assertThat(autoLabelCount(p)).isLessThanOrEqualTo(before);
    }

    @Test
    void shouldSpreadAStreamsHumanLabelsOverTimeAtTheConfiguredShare() {
        long p = trainedProject(Map.of("streamLabelingShare", 0.1));
        List<String> decisions = new java.util.ArrayList<>();
        String[] rows = iris.unlabeledCsv().split("\n");
        for (int i = 0; i < 200; i++) {
            String[] cells = rows[1 + (i % 150)].split(",");
            decisions.add(post(p, "paced-" + i, Double.parseDouble(cells[1]), Double.parseDouble(cells[2]),
                    Double.parseDouble(cells[3]), Double.parseDouble(cells[4])).get("decision").asString());
        }

        long asked = decisions.stream().filter("QUEUED"::equals).count();
        long askedLate = decisions.subList(100, 200).stream().filter("QUEUED"::equals).count();
        assertThat(asked).as("about 10% of 200").isBetween(15L, 21L);
        assertThat(askedLate).as("the questions are spread, not spent at the start").isGreaterThanOrEqualTo(7);
        assertThat(decisions).doesNotContain("AUTO_LABELED");
    }
}
