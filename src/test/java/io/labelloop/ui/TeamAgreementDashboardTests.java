package io.labelloop.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The dashboard's team card (issue 18): how well the annotators agree, and who is off. */
class TeamAgreementDashboardTests extends BrowserTest {

    @Test
    void shouldShowAlphaAndFlagTheAnnotatorWhoOftenDiffers() {
        long p = api().post("/api/v1/projects", ADMIN, Map.of("name", "team", "taskType", "TEXT", "labels", List.of("pos", "neg"),
                "judgmentsPerItem", 3)).json().get("id").asLong();
        StringBuilder csv = new StringBuilder("id,text\n");
        for (int i = 0; i < 12; i++) {
            csv.append("t").append(i).append(",item ").append(i).append('\n');
        }
        api().postRaw("/api/v1/projects/" + p + "/items", ADMIN, "text/csv", csv.toString());
        List<Long> ids = new ArrayList<>();
        api().get("/api/v1/projects/" + p + "/items?limit=100", ADMIN).json().forEach(i -> ids.add(i.get("id").asLong()));
        List<String> names = List.of("ann", "bob", "cyd");
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        for (String name : names) {
            String token = userWithToken("ANNOTATOR", name + suffix);
            api().post("/api/v1/projects/" + p + "/members", ADMIN, Map.of("username", name + suffix));
            for (int i = 0; i < ids.size(); i++) {
                String truth = i % 2 == 0 ? "pos" : "neg";
                String label = name.equals("cyd") && i % 3 != 0 ? (truth.equals("pos") ? "neg" : "pos") : truth;
                int status = api().post("/api/v1/projects/" + p + "/items/" + ids.get(i) + "/labels", token, Map.of("label", label)).status();
                assertThat(status).isEqualTo(201);
            }
        }

        signIn("admin", ADMIN_PASSWORD);
        page.navigate(url("/projects/" + p));
        assertThat(page.locator("#team-agreement")).isVisible();
        assertThat(page.locator("#agreement-alpha")).containsText("Krippendorff's alpha");
        assertThat(page.locator("#agreement-alpha")).containsText("over 12 items");
        assertThat(page.locator("#agreement-annotators tr.annotator-off")).hasCount(1);
        assertThat(page.locator("#agreement-annotators tr.annotator-off")).containsText("cyd" + suffix);
        assertThat(page.locator("#agreement-pairs tbody tr")).hasCount(3);
        assertThat(page.locator("#agreement-annotators thead")).containsText("Median seconds per label");
        screenshot("dashboard-team-agreement");
        assertThat(consoleErrors).isEmpty();
    }
}
