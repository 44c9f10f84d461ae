package io.labelloop.project;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.support.ApiTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectApiTests extends ApiTest {

    private Map<String, Object> settings() {
        Map<String, Object> m = new HashMap<>();
        m.put("name", "reviews");
        m.put("taskType", "TEXT");
        m.put("labels", List.of("positive", "negative", "neutral"));
        m.put("budget", 1000);
        m.put("strategy", "MARGIN");
        m.put("batchSize", 50);
        m.put("retrainEvery", 20);
        m.put("autoLabelThreshold", null);
        m.put("autoLabelTargetAccuracy", 0.95);
        m.put("holdoutFraction", 0.1);
        m.put("synthesisEnabled", false);
        return m;
    }

    @Test
    void shouldCreateProjectWithEverySettingAsSent() {
        var r = api().post("/api/v1/projects", ADMIN, settings());

        assertThat(r.status()).isEqualTo(201);
        var p = r.json();
        assertThat(r.headers().firstValue("Location")).hasValue("/api/v1/projects/" + p.get("id").asLong());
        assertThat(p.get("name").asString()).isEqualTo("reviews");
        assertThat(p.get("taskType").asString()).isEqualTo("TEXT");
        assertThat(p.get("labels").toString()).isEqualTo("[\"positive\",\"negative\",\"neutral\"]");
        assertThat(p.get("budget").asInt()).isEqualTo(1000);
        assertThat(p.get("strategy").asString()).isEqualTo("MARGIN");
        assertThat(p.get("autoLabelTargetAccuracy").asDouble()).isEqualTo(0.95);
        assertThat(p.get("autoLabelThreshold").isNull()).isTrue();
        assertThat(p.get("holdoutFraction").asDouble()).isEqualTo(0.1);
    }

    @Test
    void shouldFillDefaultsForOmittedSettings() {
        var r = api().post("/api/v1/projects", ADMIN, Map.of("name", "x", "taskType", "TABULAR", "labels", List.of("a", "b")));

        assertThat(r.status()).isEqualTo(201);
        var p = r.json();
        assertThat(p.get("budget").isNull()).as("null budget means unlimited").isTrue();
        assertThat(p.get("strategy").asString()).isEqualTo(io.labelloop.learning.StrategyName.recommendedDefault().name());
        assertThat(p.get("batchSize").asInt()).isEqualTo(50);
        assertThat(p.get("retrainEvery").asInt()).isEqualTo(20);
        assertThat(p.get("holdoutFraction").asDouble()).isEqualTo(0.1);
        assertThat(p.get("synthesisEnabled").asBoolean()).isFalse();
    }

    @Test
    void shouldAcceptEverySettingItAnswersWithBackAsAPatchAndKeepTheJsonFlat() {
        var created = api().post("/api/v1/projects", ADMIN, settings()).json();
        var patch = (tools.jackson.databind.node.ObjectNode) created.deepCopy();
        patch.remove(List.of("id", "createdAt", "updatedAt"));
        patch.put("auditFraction", 0.5);

        var r = api().patch("/api/v1/projects/" + created.get("id").asLong(), ADMIN, patch);

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("auditFraction").asDouble()).isEqualTo(0.5);
        assertThat(r.json().propertyNames()).containsExactlyInAnyOrderElementsOf(created.propertyNames())
                .contains("budget", "retrainEvery", "autoLabelThreshold", "streamLabelingShare", "synthesisMaxShare",
                        "labelKeys", "imageWidth")
                .doesNotContain("queue", "model", "autoLabel", "stream", "synthesis", "labelingPage");
        for (String field : patch.propertyNames()) {
            if (!field.equals("auditFraction")) {
                assertThat(r.json().get(field)).as(field).isEqualTo(created.get(field));
            }
        }
    }

    @Test
    void shouldNameEveryInvalidFieldWith422() {
        var bad = settings();
        bad.put("name", " ");
        bad.put("labels", List.of("only-one"));
        bad.put("batchSize", 0);
        bad.put("holdoutFraction", 1.5);

        var r = api().post("/api/v1/projects", ADMIN, bad);

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("name", "labels", "batchSize", "holdoutFraction");
    }

    @Test
    void shouldRejectDuplicateLabelsAndBothAutoLabelSettings() {
        var bad = settings();
        bad.put("labels", List.of("a", "a"));
        bad.put("autoLabelThreshold", 0.9);

        var r = api().post("/api/v1/projects", ADMIN, bad);

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("errors").findValuesAsString("field")).contains("labels", "autoLabelThreshold");
    }

    @Test
    void shouldAnswer400NamingTheFieldForWrongTypesAndUnknownEnums() {
        var wrongType = settings();
        wrongType.put("budget", "lots");
        var r1 = api().post("/api/v1/projects", ADMIN, wrongType);
        assertThat(r1.status()).isEqualTo(400);
        assertThat(r1.json().get("errors").get(0).get("field").asString()).isEqualTo("budget");

        var badEnum = settings();
        badEnum.put("taskType", "VIDEO");
        var r2 = api().post("/api/v1/projects", ADMIN, badEnum);
        assertThat(r2.status()).isEqualTo(400);
        assertThat(r2.json().get("detail").asString()).contains("taskType", "TEXT", "TABULAR", "IMAGE");

        var unknownField = settings();
        unknownField.put("bugdet", 5);
        var r3 = api().post("/api/v1/projects", ADMIN, unknownField);
        assertThat(r3.status()).isEqualTo(400);
        assertThat(r3.json().get("detail").asString()).contains("bugdet");
    }

    @Test
    void shouldAnswer400ForMalformedJsonAnd415ForOtherContentTypes() {
        var malformed = api().postRaw("/api/v1/projects", ADMIN, "application/json", "{\"name\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");

        var xml = api().postRaw("/api/v1/projects", ADMIN, "application/xml", "<project/>");
        assertThat(xml.status()).isEqualTo(415);
    }

    @Test
    void shouldAnswer404ForUnknownProjectIdsAnd400ForNonNumericOnes() {
        assertThat(api().get("/api/v1/projects/987654321", ADMIN).status()).isEqualTo(404);
        assertThat(api().get("/api/v1/projects/987654321/stats", ADMIN).status()).isEqualTo(404);
        assertThat(api().patch("/api/v1/projects/987654321", ADMIN, Map.of("budget", 3)).status()).isEqualTo(404);
        var r = api().get("/api/v1/projects/abc", ADMIN);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("detail").asString()).contains("id");
    }

    @Test
    void shouldListAndReadCreatedProjects() {
        long id = api().post("/api/v1/projects", ADMIN, settings()).json().get("id").asLong();

        var list = api().get("/api/v1/projects", ADMIN);
        var one = api().get("/api/v1/projects/" + id, ADMIN);

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().findValuesAsString("name")).contains("reviews");
        assertThat(one.json().get("id").asLong()).isEqualTo(id);
    }

    @Test
    void shouldPatchOnlyTheGivenSettingsAndTreatNullBudgetAsUnlimited() {
        long id = api().post("/api/v1/projects", ADMIN, settings()).json().get("id").asLong();
        Map<String, Object> patch = new HashMap<>();
        patch.put("budget", null);
        patch.put("strategy", "ENTROPY");
        patch.put("labels", List.of("positive", "negative", "neutral", "mixed"));

        var r = api().patch("/api/v1/projects/" + id, ADMIN, patch);

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("budget").isNull()).isTrue();
        assertThat(r.json().get("strategy").asString()).isEqualTo("ENTROPY");
        assertThat(r.json().get("labels").size()).isEqualTo(4);
        assertThat(r.json().get("batchSize").asInt()).as("untouched").isEqualTo(50);
        assertThat(api().get("/api/v1/projects/" + id, ADMIN).json().get("strategy").asString()).isEqualTo("ENTROPY");
    }

    @Test
    void shouldRefuseToShrinkLabelsOrChangeTaskTypeAndKeepTheOldSettings() {
        long id = api().post("/api/v1/projects", ADMIN, settings()).json().get("id").asLong();

        var shrink = api().patch("/api/v1/projects/" + id, ADMIN, Map.of("labels", List.of("positive", "negative")));
        var retype = api().patch("/api/v1/projects/" + id, ADMIN, Map.of("taskType", "IMAGE"));
        var invalid = api().patch("/api/v1/projects/" + id, ADMIN, Map.of("batchSize", -3, "name", "renamed"));
        var unknown = api().patch("/api/v1/projects/" + id, ADMIN, Map.of("colour", "blue"));

        assertThat(shrink.status()).isEqualTo(422);
        assertThat(shrink.json().get("errors").get(0).get("field").asString()).isEqualTo("labels");
        assertThat(retype.status()).isEqualTo(422);
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(unknown.status()).isEqualTo(422);
        var now = api().get("/api/v1/projects/" + id, ADMIN).json();
        assertThat(now.get("labels").size()).isEqualTo(3);
        assertThat(now.get("taskType").asString()).isEqualTo("TEXT");
        assertThat(now.get("name").asString()).isEqualTo("reviews");
    }

    @Test
    void shouldReportStatsOfAFreshProject() {
        long id = api().post("/api/v1/projects", ADMIN, settings()).json().get("id").asLong();
        api().postRaw("/api/v1/projects/" + id + "/items", ADMIN, "application/x-ndjson", """
                {"externalId":"a","text":"good","label":"positive"}
                {"externalId":"b","text":"bad"}
                {"externalId":"c","text":"meh"}
                """);

        var stats = api().get("/api/v1/projects/" + id + "/stats", ADMIN).json();

        assertThat(stats.get("items").asLong()).isEqualTo(3);
        assertThat(stats.get("importedLabeled").asLong()).isEqualTo(1);
        assertThat(stats.get("unlabeled").asLong()).isEqualTo(2);
        assertThat(stats.get("humanLabeled").asLong()).isZero();
        assertThat(stats.get("budget").asInt()).isEqualTo(1000);
        assertThat(stats.get("budgetUsed").asLong()).isZero();
        assertThat(stats.get("budgetRemaining").asLong()).isEqualTo(1000);
        assertThat(stats.get("modelVersion").isNull()).isTrue();
        assertThat(stats.get("stopRecommended").asBoolean()).isFalse();
    }

    @Test
    void shouldDeleteAProjectWithItsItems() {
        long id = api().post("/api/v1/projects", ADMIN, settings()).json().get("id").asLong();
        api().postRaw("/api/v1/projects/" + id + "/items", ADMIN, "text/csv", "externalId,text\na,x\nb,y\n");

        var deleted = api().delete("/api/v1/projects/" + id, ADMIN);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api().get("/api/v1/projects/" + id, ADMIN).status()).isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from items where project_id = ?").param(id).query(Long.class).single()).isZero();
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void shouldRefuseATargetAccuracyWhenTheBudgetAndHoldoutCannotCertifyIt() {
        var r = api().post("/api/v1/projects", ADMIN, Map.of("name", "too-small", "taskType", "TEXT",
                "labels", List.of("a", "b"), "budget", 130, "holdoutFraction", 0.1, "autoLabelTargetAccuracy", 0.9));

        assertThat(r.status()).isEqualTo(422);
        var problem = r.json().get("errors").get(0);
        assertThat(problem.get("field").asString()).isEqualTo("autoLabelTargetAccuracy");
        assertThat(problem.get("message").asString()).contains("needs at least 36 holdout labels", "gives at most 13",
                "a holdout share of 0.28");

        var ok = api().post("/api/v1/projects", ADMIN, Map.of("name", "enough", "taskType", "TEXT",
                "labels", List.of("a", "b"), "budget", 130, "holdoutFraction", 0.28, "autoLabelTargetAccuracy", 0.9));
        assertThat(ok.status()).isEqualTo(201);
        long id = ok.json().get("id").asLong();
        var patch = api().patch("/api/v1/projects/" + id, ADMIN, Map.of("budget", 100));
        assertThat(patch.status()).isEqualTo(422);
        assertThat(api().get("/api/v1/projects/" + id, ADMIN).json().get("budget").asInt()).isEqualTo(130);
    }

    @Test
    void shouldStoreInstructionsAndLabelDescriptionsAndRefuseADescriptionOfAnUnknownLabel() {
        long id = api().post("/api/v1/projects", ADMIN, Map.of("name", "guide", "taskType", "TEXT",
                "labels", List.of("ham", "spam"), "instructions", "Read it all.",
                "labelDescriptions", Map.of("spam", "Mail nobody asked for"))).json().get("id").asLong();

        var p = api().get("/api/v1/projects/" + id, ADMIN).json();
        assertThat(p.get("instructions").asString()).isEqualTo("Read it all.");
        assertThat(p.get("labelDescriptions").get("spam").asString()).isEqualTo("Mail nobody asked for");

        var bad = api().patch("/api/v1/projects/" + id, ADMIN, Map.of("labelDescriptions", Map.of("eggs", "?")));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("errors").get(0).get("field").asString()).isEqualTo("labelDescriptions");
        var cleared = api().patch("/api/v1/projects/" + id, ADMIN, java.util.Collections.singletonMap("instructions", null));
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().get("instructions").isNull()).isTrue();
        var tabularOnly = api().patch("/api/v1/projects/" + id, ADMIN, Map.of("featureColumns", List.of("x")));
        assertThat(tabularOnly.status()).isEqualTo(422);
    }
}
