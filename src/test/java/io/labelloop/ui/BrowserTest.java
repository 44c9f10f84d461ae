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

    @AfterEach
    void closePage() {
        context.close();
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

    void screenshot(String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }
}
