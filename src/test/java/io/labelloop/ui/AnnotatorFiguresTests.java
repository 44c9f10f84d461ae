package io.labelloop.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The dashboard's per-annotator figures: labels, labels per hour of active time, skips (stored per user). */
class AnnotatorFiguresTests extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void shouldShowEachAnnotatorsLabelsRateAndSkipsToTheLeadButNotToAnnotators() {
        long p = api().post("/api/v1/projects", ADMIN, Map.of("name", "figures-" + UUID.randomUUID(), "taskType", "TEXT",
                "labels", List.of("ham", "spam"), "holdoutFraction", 0)).json().get("id").asLong();
        List<Map<String, String>> items = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            items.add(Map.of("externalId", "m" + i, "text", "message number " + i));
        }
        api().post("/api/v1/projects/" + p + "/items", ADMIN, items);
        String fast = "fast-" + UUID.randomUUID().toString().substring(0, 6);
        String slow = "slow-" + UUID.randomUUID().toString().substring(0, 6);
        String fastToken = userWithToken("ANNOTATOR", fast);
        String slowToken = userWithToken("ANNOTATOR", slow);
        api().post("/api/v1/projects/" + p + "/members", ADMIN, Map.of("username", fast));
        api().post("/api/v1/projects/" + p + "/members", ADMIN, Map.of("username", slow));

        JsonNode claimed = api().post("/api/v1/projects/" + p + "/queue/claims", fastToken, Map.of("count", 5)).json().get("items");
        assertThat(claimed).hasSize(5);
        for (int i = 0; i < 4; i++) {
            api().post("/api/v1/projects/" + p + "/items/" + claimed.get(i).get("itemId").asLong() + "/labels", fastToken, Map.of("label", "ham"));
        }
        var skip = api().post("/api/v1/projects/" + p + "/items/" + claimed.get(4).get("itemId").asLong() + "/skip", fastToken, Map.of());
        assertThat(skip.status()).as(skip.toString()).isIn(200, 204);
        JsonNode other = api().post("/api/v1/projects/" + p + "/queue/claims", slowToken, Map.of("count", 1)).json().get("items");
        api().post("/api/v1/projects/" + p + "/items/" + other.get(0).get("itemId").asLong() + "/labels", slowToken, Map.of("label", "spam"));
        // fast's four labels and the skip as if given a minute apart (the test cannot wait): 4 minutes of active time
        jdbc.sql("""
                update label_events e set at = now() - make_interval(mins => (10 - r.n)::int) from
                  (select id, row_number() over (order by id) as n from label_events
                   where project_id = ? and user_id = (select id from users where username = ?)) r
                where e.id = r.id""").params(p, fast).update();
        jdbc.sql("update label_skips set skipped_at = now() - interval '5 minutes' where project_id = ?").param(p).update();

        signIn("admin", ADMIN_PASSWORD);
        page.navigate(url("/projects/" + p));
        var rows = page.locator("#annotator-figures tbody tr");
        assertThat(rows).hasCount(2);
        // fast: 4 labels, 4 label actions over 4 minutes (one a minute, the skip in between) = 60 an hour, 1 skip
        assertThat(rows.nth(0)).containsText(fast);
        assertThat(rows.nth(0).locator("td").nth(0)).hasText("4");
        assertThat(rows.nth(0).locator("td").nth(1)).hasText("60");
        assertThat(rows.nth(0).locator("td").nth(2)).hasText("0 h 4 min");
        assertThat(rows.nth(0).locator("td").nth(3)).hasText("1");
        // slow: one label, no active time yet, no rate
        assertThat(rows.nth(1)).containsText(slow);
        assertThat(rows.nth(1).locator("td").nth(0)).hasText("1");
        assertThat(rows.nth(1).locator("td").nth(1)).hasText("-");
        assertThat(rows.nth(1).locator("td").nth(3)).hasText("0");
        screenshot("dashboard-annotators");

        page.navigate(url("/logout"));
        context.clearCookies();
        signIn(fast, "password-123");
        page.navigate(url("/projects/" + p));
        assertThat(page.locator("#annotator-figures")).hasCount(0);
    }
}
