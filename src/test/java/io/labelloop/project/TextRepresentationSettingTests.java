package io.labelloop.project;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.support.ApiTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code textRepresentation} (API 1.1): AUTO by default, any of the four on TEXT projects, unknown values refused. */
class TextRepresentationSettingTests extends ApiTest {

    @Test
    void shouldDefaultToAutoAndKeepNgramsWhenALeadPinsThem() {
        long p = project(ADMIN, "TEXT", "pos", "neg");
        assertThat(api().get("/api/v1/projects/" + p, ADMIN).json().get("textRepresentation").asString()).isEqualTo("AUTO");
        var patched = api().patch("/api/v1/projects/" + p, ADMIN, Map.of("textRepresentation", "NGRAMS"));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(api().get("/api/v1/projects/" + p, ADMIN).json().get("textRepresentation").asString()).isEqualTo("NGRAMS");
    }

    @Test
    void shouldAcceptEmbeddingsAndBothAndRefuseValuesOutsideTheList() {
        long p = project(ADMIN, "TEXT", "pos", "neg");
        for (String r : java.util.List.of("EMBEDDINGS", "BOTH")) {
            var patched = api().patch("/api/v1/projects/" + p, ADMIN, Map.of("textRepresentation", r));
            assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
            assertThat(api().get("/api/v1/projects/" + p, ADMIN).json().get("textRepresentation").asString()).isEqualTo(r);
        }
        var unknown = api().patch("/api/v1/projects/" + p, ADMIN, Map.of("textRepresentation", "WORDS"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("textRepresentation");
        assertThat(api().get("/api/v1/projects/" + p, ADMIN).json().get("textRepresentation").asString()).isEqualTo("BOTH");

        long tabular = project(ADMIN, "TABULAR", "a", "b");
        var wrongTask = api().patch("/api/v1/projects/" + tabular, ADMIN, Map.of("textRepresentation", "NGRAMS"));
        assertThat(wrongTask.status()).isEqualTo(422);
        assertThat(wrongTask.body()).contains("TEXT projects only");
    }
}
