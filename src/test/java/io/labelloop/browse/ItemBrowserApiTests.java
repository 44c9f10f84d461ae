package io.labelloop.browse;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.support.ApiTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ItemBrowserApiTests extends ApiTest {

    private long projectWithItems(int n) {
        long p = project(ADMIN, "TEXT", "ham", "spam");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(i % 10 == 0 ? Map.of("externalId", "m" + i, "text", "message " + i, "label", "ham")
                    : Map.of("externalId", "m" + i, "text", i == 7 ? "a rare needle here" : "message " + i));
        }
        assertThat(api().post("/api/v1/projects/" + p + "/items", ADMIN, rows).status()).isEqualTo(200);
        return p;
    }

    private long idOf(long p, String externalId) {
        return api().get("/api/v1/projects/" + p + "/items/browse?q=" + externalId, ADMIN).json().get("items").get(0)
                .get("itemId").asLong();
    }

    @Test
    void shouldPageThroughEveryItemOnceWithKeysetCursorsInBothOrders() {
        long p = projectWithItems(125);
        for (String sort : List.of("NEWEST", "OLDEST")) {
            Set<Long> seen = new HashSet<>();
            String after = null;
            long previous = sort.equals("NEWEST") ? Long.MAX_VALUE : Long.MIN_VALUE;
            int pages = 0;
            do {
                var page = api().get("/api/v1/projects/" + p + "/items/browse?limit=50&sort=" + sort
                        + (after == null ? "" : "&after=" + after), ADMIN).json();
                for (var row : page.get("items")) {
                    long id = row.get("itemId").asLong();
                    assertThat(sort.equals("NEWEST") ? id < previous : id > previous).isTrue();
                    previous = id;
                    assertThat(seen.add(id)).isTrue();
                }
                after = page.get("next").isNull() ? null : page.get("next").asString();
                pages++;
            } while (after != null);
            assertThat(seen).hasSize(125);
            assertThat(pages).isEqualTo(3);
        }
    }

    @Test
    void shouldFindItemsByTextIdLabelSourceAndQueueState() {
        long p = projectWithItems(60);
        var found = api().get("/api/v1/projects/" + p + "/items/browse?q=NEEDLE", ADMIN).json().get("items");
        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("externalId").asString()).isEqualTo("m7");
        long id = found.get(0).get("itemId").asLong();
        assertThat(api().get("/api/v1/projects/" + p + "/items/browse?q=" + id, ADMIN).json().get("items").get(0)
                .get("externalId").asString()).isEqualTo("m7");

        var imported = api().get("/api/v1/projects/" + p + "/items/browse?source=IMPORTED", ADMIN).json().get("items");
        assertThat(imported).hasSize(6);
        assertThat(imported.get(0).get("label").asString()).isEqualTo("ham");
        assertThat(api().get("/api/v1/projects/" + p + "/items/browse?label=ham", ADMIN).json().get("items")).hasSize(6);
        assertThat(api().get("/api/v1/projects/" + p + "/items/browse?source=NONE&limit=200", ADMIN).json().get("items")).hasSize(54);
        assertThat(api().get("/api/v1/projects/" + p + "/items/browse?queued=true", ADMIN).json().get("items")).isEmpty();

        var bad = api().get("/api/v1/projects/" + p + "/items/browse?source=ROBOT", ADMIN);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(api().get("/api/v1/projects/" + p + "/items/browse?minConfidence=2", ADMIN).status()).isEqualTo(422);
        assertThat(api().get("/api/v1/projects/" + p + "/items/browse?sort=LEAST_CONFIDENT&after=nonsense", ADMIN).status()).isEqualTo(422);
        assertThat(api().get("/api/v1/projects/" + p + "/items/browse?limit=0", ADMIN).status()).isEqualTo(422);
    }

    @Test
    void shouldKeepWhoLabeledWhatWhenAndLetALeadRelabelButNotAnAnnotator() {
        long p = projectWithItems(20);
        String name = "ann-" + UUID.randomUUID().toString().substring(0, 8);
        String annotator = userWithToken("ANNOTATOR", name);
        api().post("/api/v1/projects/" + p + "/members", ADMIN, Map.of("username", name));
        long item = idOf(p, "m3");
        assertThat(api().post("/api/v1/projects/" + p + "/items/" + item + "/labels", annotator, Map.of("label", "spam")).status())
                .isEqualTo(201);
        var human = api().get("/api/v1/projects/" + p + "/items/browse?source=HUMAN", ADMIN).json().get("items");
        assertThat(human).hasSize(1);
        assertThat(human.get(0).get("annotator").asString()).isEqualTo(name);

        assertThat(api().post("/api/v1/projects/" + p + "/items/" + item + "/relabel", annotator, Map.of("label", "ham")).status())
                .isEqualTo(403);
        assertThat(api().get("/api/v1/projects/" + p + "/items/browse", annotator).status()).isEqualTo(403);
        var relabeled = api().post("/api/v1/projects/" + p + "/items/" + item + "/relabel", ADMIN, Map.of("label", "ham"));
        assertThat(relabeled.status()).as(relabeled.toString()).isEqualTo(200);
        assertThat(relabeled.json().get("outcome").asString()).isEqualTo("REPLACED");
        assertThat(api().post("/api/v1/projects/" + p + "/items/" + item + "/relabel", ADMIN, Map.of("label", "eggs")).status())
                .isEqualTo(422);

        var events = api().get("/api/v1/projects/" + p + "/items/" + item + "/history", ADMIN).json().get("events");
        assertThat(events).hasSize(2);
        assertThat(events.get(0).get("action").asString()).isEqualTo("CHANGED");
        assertThat(events.get(0).get("user").asString()).isEqualTo("admin");
        assertThat(events.get(0).get("label").asString()).isEqualTo("ham");
        assertThat(events.get(1).get("action").asString()).isEqualTo("LABELED");
        assertThat(events.get(1).get("user").asString()).isEqualTo(name);
        assertThat(api().get("/api/v1/projects/" + p + "/stats", ADMIN).json().get("budgetUsed").asInt()).isEqualTo(1);
        var ham = api().get("/api/v1/projects/" + p + "/items/browse?label=ham&sort=OLDEST", ADMIN).json().get("items");
        assertThat(ham).hasSize(3); // the two imported (m0, m10) and the relabeled one, once each, oldest first
        assertThat(ham.get(1).get("externalId").asString()).isEqualTo("m3");
        assertThat(ham.get(1).get("source").asString()).isEqualTo("HUMAN");
        assertThat(api().get("/api/v1/projects/" + p + "/items/browse?label=spam", ADMIN).json().get("items")).isEmpty();
        assertThat(api().get("/api/v1/projects/" + p + "/items/999999999/history", ADMIN).status()).isEqualTo(404);
    }

    @Test
    void shouldTakeFlagsFromMembersShowThemToLeadsAndResolveThem() {
        long p = projectWithItems(10);
        String name = "ann-" + UUID.randomUUID().toString().substring(0, 8);
        String annotator = userWithToken("ANNOTATOR", name);
        api().post("/api/v1/projects/" + p + "/members", ADMIN, Map.of("username", name));
        long item = idOf(p, "m4");

        var flag = api().post("/api/v1/projects/" + p + "/items/" + item + "/flags", annotator, Map.of("kind", "UNSURE", "note", "sarcasm?"));
        assertThat(flag.status()).as(flag.toString()).isEqualTo(201);
        assertThat(flag.json().get("user").asString()).isEqualTo(name);
        assertThat(api().post("/api/v1/projects/" + p + "/items/" + item + "/flags", annotator, Map.of("kind", "MAYBE")).status())
                .isEqualTo(422);
        assertThat(api().post("/api/v1/projects/" + p + "/items/" + item + "/flags", annotator,
                Map.of("kind", "PROBLEM", "note", "x".repeat(2001))).status()).isEqualTo(422);
        assertThat(api().post("/api/v1/projects/" + p + "/items/999999999/flags", annotator, Map.of("kind", "PROBLEM")).status())
                .isEqualTo(404);
        assertThat(api().get("/api/v1/projects/" + p + "/items/" + item + "/flags", annotator).status()).isEqualTo(403);
        var flags = api().get("/api/v1/projects/" + p + "/items/" + item + "/flags", ADMIN).json();
        assertThat(flags).hasSize(1);
        assertThat(flags.get(0).get("note").asString()).isEqualTo("sarcasm?");
        assertThat(api().get("/api/v1/projects/" + p + "/items/browse?flagged=true", ADMIN).json().get("items")).hasSize(1);
        assertThat(api().get("/api/v1/projects/" + p + "/items/browse?flagged=false", ADMIN).json().get("items")).hasSize(9);

        assertThat(api().post("/api/v1/projects/" + p + "/items/" + item + "/flags/resolve", ADMIN, Map.of()).json()
                .get("resolved").asInt()).isEqualTo(1);
        assertThat(api().get("/api/v1/projects/" + p + "/items/browse?flagged=true", ADMIN).json().get("items")).isEmpty();
    }
}
