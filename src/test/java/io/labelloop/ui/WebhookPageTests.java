package io.labelloop.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.options.AriaRole;
import io.labelloop.support.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A lead adds a webhook on the project's Webhooks page, sees its secret once, and its deliveries afterwards. */
class WebhookPageTests extends BrowserTest {

    @Test
    void shouldAddAWebhookShowItsSecretOnceAndListItsDeliveries() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            long project = api().post("/api/v1/projects", ADMIN, Map.of("name", "hooks-page", "taskType", "TABULAR",
                    "labels", List.of("a", "b"))).json().get("id").asLong();
            StringBuilder csv = new StringBuilder("externalId,x,label\n");
            for (int i = 0; i < 12; i++) {
                csv.append("h").append(i).append(',').append(i % 2 == 0 ? i : -i).append(',').append(i % 2 == 0 ? "a" : "b").append('\n');
            }
            api().postRaw("/api/v1/projects/" + project + "/items", ADMIN, "text/csv", csv.toString());

            signIn("admin", ADMIN_PASSWORD);
            page.navigate(url("/projects/" + project + "/webhooks"));
            page.getByLabel("URL").fill("http://169.254.169.254/latest/meta-data");
            page.getByLabel("Model trained").check();
            page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Add webhook")).click();
            assertThat(page.locator("#url-error")).containsText("link-local");
            screenshot("webhooks-refused");

            page.getByLabel("URL").fill(receiver.url());
            page.getByLabel("Model trained").check();
            page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Add webhook")).click();
            assertThat(page.locator("#added-secret code")).hasText(java.util.regex.Pattern.compile("[0-9a-f]{48}"));

            api().post("/api/v1/projects/" + project + "/training-runs?wait=true", ADMIN, Map.of());
            receiver.await(r -> true, 1, Duration.ofSeconds(15));
            page.reload();
            assertThat(page.locator("#added-secret")).hasCount(0);
            assertThat(page.locator("table.deliveries tbody tr").first()).containsText("Delivered");
            screenshot("webhooks-delivered");
        }
    }
}
