package io.labelloop.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The labeling page's leases: short and renewed while it is open, handed back when it closes, and
 * budget held by others' pages reported as such, not as "budget spent".
 */
class PageLeaseTests extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    private final List<BrowserContext> sessions = new ArrayList<>();

    @AfterEach
    void closeSessions() {
        sessions.forEach(BrowserContext::close);
    }

    @Test
    void shouldLeaseForAShortTimeAndRenewWhileThePageIsOpen() {
        long project = projectWithItems(6, 10);
        Page annotator = labelingPage(member(project), project);
        assertThat(annotator.locator("#item-heading")).containsText("Item ");
        annotator.waitForCondition(() -> liveLeases(project) == 2);
        Instant first = lastLeaseEnd(project);
        assertThat(first).isBefore(Instant.now().plusSeconds(100)); // not the API's 10 minutes

        annotator.evaluate("() => document.dispatchEvent(new Event('visibilitychange'))"); // a heartbeat now
        annotator.waitForCondition(() -> lastLeaseEnd(project).isAfter(first));
        assertThat(liveLeases(project)).isEqualTo(2);
    }

    @Test
    void shouldReleaseAClosedPagesItemsSoThatAnotherAnnotatorGetsThem() {
        long project = projectWithItems(4, 2);
        Page first = labelingPage(member(project), project);
        assertThat(first.locator("#item-heading")).containsText("Item ");
        first.waitForCondition(() -> liveLeases(project) == 2);

        Page second = labelingPage(member(project), project);
        assertThat(second.locator("#empty-reason")).containsText("2 items are being labeled by others; they free up by ");
        assertThat(second.locator("#empty-reason")).not().containsText("budget is spent");
        String shown = second.locator("#empty-reason").textContent().replaceAll(".*free up by (.+?)\\..*", "$1");
        Instant end = lastLeaseEnd(project); // the first page may have renewed since, by a heartbeat
        assertThat(shown).isIn(IntStream.rangeClosed(-3, 1).mapToObj(k -> clock(end.plusSeconds(30L * k))).toList());
        takeScreenshot(second, "labeling-held-by-others");

        first.close(new Page.CloseOptions().setRunBeforeUnload(true));
        second.waitForCondition(() -> liveLeases(project) == 0);
        second.evaluate("() => document.dispatchEvent(new Event('visibilitychange'))"); // the next heartbeat, now
        assertThat(second.locator("#item-heading")).containsText("Item ");
        assertThat(second.locator("#empty")).isHidden();
        second.keyboard().press("1");
        assertThat(second.locator("#today")).hasText("1");
    }

    @Test
    void shouldReleaseThePagesItemsWhenTheAnnotatorNavigatesAway() {
        long project = projectWithItems(4, null);
        Page annotator = labelingPage(member(project), project);
        assertThat(annotator.locator("#item-heading")).containsText("Item ");
        annotator.waitForCondition(() -> liveLeases(project) == 2);

        annotator.navigate(url("/"));
        annotator.waitForCondition(() -> liveLeases(project) == 0);
    }

    @Test
    void shouldSaySpentAndPointToSettingsOnlyWhenNoBudgetIsLeft() {
        long project = projectWithItems(4, 0);
        Page lead = labelingPage("admin", project);
        assertThat(lead.locator("#empty-reason")).hasText("The project's label budget is spent. A lead can raise it in the project's Settings.");
        assertThat(lead.locator("#budget-settings")).isVisible();
        assertThat(lead.locator("#no-suggestion")).isHidden(); // no item, so no "no model yet" either

        Page annotator = labelingPage(member(project), project);
        assertThat(annotator.locator("#empty-reason")).containsText("budget is spent");
        assertThat(annotator.locator("#budget-settings")).hasCount(0); // annotators cannot open Settings
    }

    private long liveLeases(long project) {
        return jdbc.sql("select count(*) from queue_entries where project_id = ? and lease_expires_at >= now()")
                .param(project).query(Long.class).single();
    }

    private Instant lastLeaseEnd(long project) {
        return jdbc.sql("select max(lease_expires_at) from queue_entries where project_id = ?")
                .param(project).query(java.sql.Timestamp.class).single().toInstant();
    }

    /** The time as the page shows it (en-US, the browser's zone, which is this machine's). */
    private static String clock(Instant at) {
        return DateTimeFormatter.ofPattern("hh:mm a", java.util.Locale.US).withZone(ZoneId.systemDefault()).format(at);
    }

    private static void takeScreenshot(Page p, String name) {
        p.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    private Page labelingPage(String user, long project) {
        BrowserContext own = context.browser().newContext(new Browser.NewContextOptions().setViewportSize(1200, 800).setLocale("en-US"));
        own.setDefaultTimeout(15_000);
        sessions.add(own);
        Page p = own.newPage();
        signIn(p, user, "admin".equals(user) ? ADMIN_PASSWORD : "password-123");
        p.navigate(url("/projects/" + project + "/label"));
        return p;
    }

    private String member(long project) {
        String name = "ann-" + UUID.randomUUID().toString().substring(0, 8);
        userWithToken("ANNOTATOR", name);
        api().post("/api/v1/projects/" + project + "/members", ADMIN, Map.of("username", name));
        return name;
    }

    private long projectWithItems(int n, Integer budget) {
        var settings = new java.util.HashMap<String, Object>(Map.of("name", "leases", "taskType", "TEXT", "labels", List.of("a", "b"),
                "holdoutFraction", 0));
        settings.put("budget", budget);
        var created = api().post("/api/v1/projects", ADMIN, settings);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        api().post("/api/v1/projects/" + id + "/items", ADMIN,
                IntStream.range(0, n).mapToObj(i -> Map.of("externalId", "i" + i, "text", "item " + i)).toList());
        return id;
    }
}
