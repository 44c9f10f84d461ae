package io.labelloop.ui;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.labelloop.support.ApiTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Tests that use the pages as people do: the app on a random port, driven through the
 * system's Chromium ({@code /usr/bin/chromium}, Debian's package, installed by {@code .ci/run}).
 * Without that browser the tests fail, they never skip. Screenshots go to {@code target/screenshots/}.
 */
abstract class BrowserTest extends ApiTest {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("LABELLOOP_CHROMIUM", "/usr/bin/chromium"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static Playwright playwright;
    private static Browser browser;

    BrowserContext context;
    Page page;
    /** Errors the pages logged to the console (a blocked script or style shows up here). */
    final List<String> consoleErrors = new ArrayList<>();

    @BeforeAll
    static void launchBrowser() {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException("the browser tests need Chromium at " + CHROMIUM
                    + " (apt-get install chromium, as .ci/run does)");
        }
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage")));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @BeforeEach
    void openPage() {
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1366, 900).setLocale("en-US"));
        context.setDefaultTimeout(15_000);
        page = context.newPage();
        page.onConsoleMessage(m -> {
            if ("error".equals(m.type())) {
                consoleErrors.add(m.text());
            }
        });
        page.onPageError(consoleErrors::add);
    }

    /** Every test ends with an axe-core run over the pages it left open, in the state it left them. */
    @AfterEach
    void closePage() {
        try {
            List<String> findings = new ArrayList<>();
            for (Page open : context.pages()) {
                if (!open.isClosed() && open.url().startsWith("http://localhost:" + port)) {
                    findings.addAll(seriousAxeFindings(open));
                }
            }
            org.assertj.core.api.Assertions.assertThat(findings).as("critical and serious axe-core findings").isEmpty();
        } finally {
            context.close();
        }
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    void signIn(String username, String password) {
        signIn(page, username, password);
    }

    void signIn(Page in, String username, String password) {
        in.navigate(url("/login"));
        in.getByLabel("Username").fill(username);
        in.getByLabel("Password").fill(password);
        in.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Sign in")).click();
        in.waitForURL(url("/"));
    }

    /** axe-core from its WebJar (test scope), evaluated in the page: the pages' CSP does not apply to test code. */
    private static final String AXE = axeSource();

    private static String axeSource() {
        try (var in = BrowserTest.class.getResourceAsStream("/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe-core's WebJar is not on the test classpath");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** What axe-core finds critical or serious on the page as it is now: rule, impact and the elements. */
    static List<String> seriousAxeFindings(Page in) {
        in.evaluate(AXE);
        @SuppressWarnings("unchecked")
        List<String> findings = (List<String>) in.evaluate("""
                async () => {
                  const r = await axe.run(document, {resultTypes: ['violations']});
                  return r.violations.filter(v => v.impact === 'critical' || v.impact === 'serious')
                      .map(v => v.id + ' (' + v.impact + ') on ' + location.pathname + ': '
                           + v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(', '));
                }""");
        return findings;
    }

    void screenshot(String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }
}
