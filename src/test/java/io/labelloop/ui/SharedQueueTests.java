package io.labelloop.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two annotators on one project in two browsers never see the same item, and the session ending is handled. */
class SharedQueueTests extends BrowserTest {

    @Test
    void shouldNeverShowTwoAnnotatorsTheSameItem() {
        long project = projectWithItems(12);
        List<Page> annotators = List.of(labelingPage(member(project), project), labelingPage(member(project), project));

        List<String> shown = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (Page annotator : annotators) {
                shown.add(labelOne(annotator));
            }
        }
        assertThat(new HashSet<>(shown)).as("items shown: %s", shown).hasSize(shown.size());
    }

    @Test
    void shouldSendEveryPageWithAContentSecurityPolicy() {
        var response = page.navigate(url("/login"));
        assertThat(response.headers().get("content-security-policy")).contains("script-src 'self'").doesNotContain("unsafe-inline");
        screenshot("login");
    }

    /** A signed-in labeling page in a browser session of its own (closed with the test's context list). */
    private Page labelingPage(String annotator, long project) {
        BrowserContext own = context.browser().newContext(new Browser.NewContextOptions().setViewportSize(1200, 800));
        sessions.add(own);
        Page p = own.newPage();
        signIn(p, annotator, "password-123");
        p.navigate(url("/projects/" + project + "/label"));
        return p;
    }

    /** Labels the item on show by keyboard and returns its heading. */
    private static String labelOne(Page p) {
        var heading = p.locator("#item-heading");
        assertThat(heading).containsText("Item ");
        String item = heading.textContent();
        String before = p.locator("#today").textContent();
        p.keyboard().press("1");
        assertThat(p.locator("#today")).not().hasText(before);
        return item;
    }

    private final List<BrowserContext> sessions = new ArrayList<>();

    @AfterEach
    void closeSessions() {
        sessions.forEach(BrowserContext::close);
    }

    private String member(long project) {
        String name = "ann-" + UUID.randomUUID().toString().substring(0, 8);
        userWithToken("ANNOTATOR", name);
        api().post("/api/v1/projects/" + project + "/members", ADMIN, Map.of("username", name));
        return name;
    }

    private long projectWithItems(int n) {
        var created = api().post("/api/v1/projects", ADMIN, Map.of("name", "shared", "taskType", "TEXT", "labels", List.of("a", "b")));
        long id = created.json().get("id").asLong();
        api().post("/api/v1/projects/" + id + "/items", ADMIN,
                IntStream.range(0, n).mapToObj(i -> Map.of("externalId", "t" + i, "text", "text number " + i)).toList());
        return id;
    }
}
