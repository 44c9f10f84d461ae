package io.labelloop.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.support.ApiTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExportTests extends ApiTest {

    private long projectWithLabels() {
        long p = project(ADMIN, "TEXT", "ham", "spam");
        api().postRaw("/api/v1/projects/" + p + "/items", ADMIN, "text/csv",
                "externalId,text,label\nimp-1,\"imported, with comma\",spam\nh-1,hello,\nh-2,world,\n");
        var items = api().get("/api/v1/projects/" + p + "/items", ADMIN).json();
        long h1 = items.valueStream().filter(i -> i.get("externalId").asString().equals("h-1")).findFirst().orElseThrow()
                .get("id").asLong();
        api().post("/api/v1/projects/" + p + "/items/" + h1 + "/labels", ADMIN, Map.of("label", "ham"));
        return p;
    }

    @Test
    void shouldExportEveryLabeledItemWithTheSourceOfItsLabelAsCsv() {
        long p = projectWithLabels();

        var r = api().get("/api/v1/projects/" + p + "/export?format=csv", ADMIN);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/csv");
        List<String> lines = r.body().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("externalId,label,source,confidence,annotator,labeledAt,synthetic,judgments");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith("imp-1,spam,IMPORTED,,,");
        assertThat(lines.get(2)).startsWith("h-1,ham,HUMAN,,admin,");
    }

    @Test
    void shouldExportJsonLinesAndFilterBySource() {
        long p = projectWithLabels();

        var all = api().get("/api/v1/projects/" + p + "/export?format=jsonl", ADMIN);
        var humanOnly = api().get("/api/v1/projects/" + p + "/export?format=jsonl&source=HUMAN", ADMIN);

        assertThat(all.body().lines().count()).isEqualTo(2);
        assertThat(humanOnly.body().lines().toList()).hasSize(1).first().asString()
                .contains("\"externalId\":\"h-1\"", "\"source\":\"HUMAN\"", "\"annotator\":\"admin\"");
        assertThat(api().get("/api/v1/projects/" + p + "/export?format=xml", ADMIN).status()).isEqualTo(422);
        assertThat(api().get("/api/v1/projects/" + p + "/export?source=ROBOT", ADMIN).status()).isEqualTo(422);
    }

    @Test
    void shouldLetOnlyLeadsAndAdminsExport() {
        long p = projectWithLabels();
        String annotator = userWithToken("ANNOTATOR");
        api().post("/api/v1/projects/" + p + "/members", ADMIN, Map.of("username", usernameOf(annotator)));

        assertThat(api().get("/api/v1/projects/" + p + "/export", annotator).status()).isEqualTo(403);
    }
}
