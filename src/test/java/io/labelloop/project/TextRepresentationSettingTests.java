package io.labelloop.project;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.support.ApiTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code textRepresentation} (API 1.1): AUTO by default, NGRAMS on TEXT projects, the rest refused with a reason. */
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
    void shouldRefuseRepresentationsTheModelCannotUseAndValuesOutsideTheList() {
        long p = project(ADMIN, "TEXT", "pos", "neg");
        var embeddings = api().patch("/api/v1/projects/" + p, ADMIN, Map.of("textRepresentation", "EMBEDDINGS"));
        assertThat(embeddings.status()).isEqualTo(422);
        assertThat(embeddings.json().get("errors").get(0).get("field").asString()).isEqualTo("textRepresentation");
        assertThat(embeddings.json().get("errors").get(0).get("message").asString()).contains("not train on sentence embeddings yet");
        assertThat(api().patch("/api/v1/projects/" + p, ADMIN, Map.of("textRepresentation", "WORDS")).status()).isEqualTo(422);
        assertThat(api().get("/api/v1/projects/" + p, ADMIN).json().get("textRepresentation").asString()).isEqualTo("AUTO");

        long tabular = project(ADMIN, "TABULAR", "a", "b");
        var wrongTask = api().patch("/api/v1/projects/" + tabular, ADMIN, Map.of("textRepresentation", "NGRAMS"));
        assertThat(wrongTask.status()).isEqualTo(422);
        assertThat(wrongTask.body()).contains("TEXT projects only");
    }
}
