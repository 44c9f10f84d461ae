package io.labelloop.browse;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.annotation.AutoLabels;
import io.labelloop.queue.QueueBoard;
import io.labelloop.support.ApiTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ItemBrowserApiTests extends ApiTest {

    @Autowired
    AutoLabels autoLabels;

    @Autowired
    QueueBoard queue;

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
        assertThat(api().get("/api/v1/projects/" + p + "/items/browse?q=m7&sort=RECENTLY_LABELED&after=2026-01-01T00:00:00Z~1", ADMIN)
                .json().get("items")).isEmpty(); // found by externalId, but without a human label
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

    /** Every page of a query, following the cursors; each row's JSON. */
    private List<tools.jackson.databind.JsonNode> allPages(long p, String query) {
        List<tools.jackson.databind.JsonNode> rows = new ArrayList<>();
        String after = null;
        do {
            var page = api().get("/api/v1/projects/" + p + "/items/browse?" + query
                    + (after == null ? "" : "&after=" + java.net.URLEncoder.encode(after, java.nio.charset.StandardCharsets.UTF_8)), ADMIN);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().get("items").forEach(rows::add);
            after = page.json().get("next").isNull() ? null : page.json().get("next").asString();
        } while (after != null);
        return rows;
    }

    @Test
    void shouldPageLeastConfidentFirstAcrossTiedConfidencesOfMachineLabelsAndQueuedPredictionsReturningEachOnce() {
        long p = projectWithItems(60);
        List<Long> ids = allPages(p, "sort=OLDEST&limit=200").stream().map(r -> r.get("itemId").asLong()).toList();
        for (int i = 0; i < 40; i++) { // three confidences for 40 machine labels: long runs of ties
            autoLabels.record(p, ids.get(i), i % 2 == 0 ? "ham" : "spam", new double[] {0.5, 0.6, 0.7}[i % 3], 1);
        }
        for (int i = 40; i < 52; i++) { // queued predictions tied with the machine labels' 0.6
            queue.enqueueFromStream(p, ids.get(i), 0.5, 1, "{\"label\": \"spam\", \"confidence\": 0.6}", false);
        }
        var rows = allPages(p, "sort=LEAST_CONFIDENT&limit=7");
        assertThat(rows).hasSize(52);
        assertThat(rows.stream().map(r -> r.get("itemId").asLong()).distinct().count()).isEqualTo(52);
        for (int i = 1; i < rows.size(); i++) { // (confidence, id) ascending
            double before = rows.get(i - 1).get("confidence").asDouble();
            double now = rows.get(i).get("confidence").asDouble();
            assertThat(now > before || now == before && rows.get(i).get("itemId").asLong() > rows.get(i - 1).get("itemId").asLong())
                    .as("row %d after row %d", i, i - 1).isTrue();
        }
        assertThat(rows.stream().filter(r -> r.get("confidence").asDouble() == 0.6).count()).isEqualTo(13 + 12);
        assertThat(allPages(p, "sort=LEAST_CONFIDENT&limit=5&predicted=spam&minConfidence=0.6&maxConfidence=0.6")).hasSize(7 + 12);
    }

    @Test
    void shouldPageALabelAcrossHumanImportedAndMachineLabelsInItemOrderWithEachItemOnceUnderItsFinalLabel() {
        long p = projectWithItems(60); // m0, m10, ..., m50 imported as ham
        List<Long> ids = allPages(p, "sort=OLDEST&limit=200").stream().map(r -> r.get("itemId").asLong()).toList();
        for (int i = 0; i < 60; i += 3) { // machine ham on every third item, m0 and m30 among them (imported: stays imported)
            autoLabels.record(p, ids.get(i), "ham", 0.9, 1);
        }
        // a human label wins over a machine one (m3: spam, no longer ham) and over an imported one (m10: spam)
        assertThat(api().post("/api/v1/projects/" + p + "/items/" + ids.get(3) + "/relabel", ADMIN, Map.of("label", "spam")).status())
                .isEqualTo(200);
        assertThat(api().post("/api/v1/projects/" + p + "/items/" + ids.get(10) + "/relabel", ADMIN, Map.of("label", "spam")).status())
                .isEqualTo(200);
        assertThat(api().post("/api/v1/projects/" + p + "/items/" + ids.get(1) + "/relabel", ADMIN, Map.of("label", "ham")).status())
                .isEqualTo(200);
        Set<Long> expected = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            if ((i % 3 == 0 && i != 3) || (i % 10 == 0 && i != 10) || i == 1) {
                expected.add(ids.get(i));
            }
        }
        for (String sort : List.of("NEWEST", "OLDEST")) {
            var rows = allPages(p, "label=ham&limit=4&sort=" + sort);
            List<Long> got = rows.stream().map(r -> r.get("itemId").asLong()).toList();
            assertThat(got).doesNotHaveDuplicates();
            assertThat(new HashSet<>(got)).isEqualTo(expected);
            assertThat(got).isSortedAccordingTo(sort.equals("NEWEST") ? java.util.Comparator.reverseOrder() : java.util.Comparator.naturalOrder());
            assertThat(rows).allSatisfy(r -> assertThat(r.get("label").asString()).isEqualTo("ham"));
        }
        assertThat(allPages(p, "label=ham&source=HUMAN&limit=4")).hasSize(1);
        assertThat(allPages(p, "label=ham&source=IMPORTED&limit=4")).hasSize(5); // m0, m20, m30, m40, m50
        assertThat(allPages(p, "label=ham&source=AUTO&limit=4")).hasSize(expected.size() - 6);
        assertThat(allPages(p, "label=ham&source=NONE&limit=4")).isEmpty();
        assertThat(allPages(p, "label=spam&limit=4")).hasSize(2);
    }
}
