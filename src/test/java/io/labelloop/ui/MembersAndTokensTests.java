package io.labelloop.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A lead manages who works on a project; anyone manages their own API tokens, each shown once. */
class MembersAndTokensTests extends BrowserTest {

    @Test
    void shouldAddAndRemoveMembersWithTheirRoles() {
        String annotator = "ann-" + UUID.randomUUID().toString().substring(0, 8);
        userWithToken("ANNOTATOR", annotator);
        var created = api().post("/api/v1/projects", ADMIN, Map.of("name", "team", "taskType", "TEXT", "labels", List.of("a", "b")));
        long project = created.json().get("id").asLong();

        signIn("admin", ADMIN_PASSWORD);
        page.navigate(url("/projects/" + project + "/members"));
        page.getByLabel("Username").fill("nobody-" + UUID.randomUUID());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add").setExact(true)).click();
        assertThat(page.locator("#username-error")).containsText("no user named");

        page.getByLabel("Username").fill(annotator);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add").setExact(true)).click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText(annotator + " is now a member");
        assertThat(page.locator("#members tbody tr", new Page.LocatorOptions().setHasText(annotator))).containsText("Annotator");
        screenshot("members");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove " + annotator)).click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("no longer a member");
        assertThat(page.locator("#members tbody tr", new Page.LocatorOptions().setHasText(annotator))).hasCount(0);
    }

    @Test
    void shouldLetAnAdminCreateAUserWhoCanThenSignIn() {
        String lead = "lead-" + UUID.randomUUID().toString().substring(0, 8);
        signIn("admin", ADMIN_PASSWORD);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Users")).click();
        page.getByLabel("Username").fill("no spaces please");
        page.getByLabel("Password").fill("short");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create user")).click();
        assertThat(page.locator("#username-error")).containsText("letters, digits");
        assertThat(page.locator("#password-error")).containsText("8 to 200 characters");

        page.getByLabel("Username").fill(lead);
        page.getByLabel("Password").fill("a-long-enough-secret");
        page.getByLabel("Role").selectOption("LEAD");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create user")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("User " + lead + " created");
        assertThat(page.locator("#users tbody tr", new Page.LocatorOptions().setHasText(lead))).containsText("Lead");
        screenshot("users");

        page.getByLabel("Username").fill(lead);
        page.getByLabel("Password").fill("another-long-secret");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create user")).click();
        assertThat(page.locator("#username-error")).containsText("already exists");

        context.clearCookies();
        signIn(lead, "a-long-enough-secret");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Users"))).hasCount(0);
        var response = page.navigate(url("/admin/users"));
        assertThat(response.status()).isEqualTo(403);
        assertThat(page.locator("main")).containsText("only admins manage users");
    }

    @Test
    void shouldShowANewTokenOnceAndRevokeIt() {
        String lead = "lead-" + UUID.randomUUID().toString().substring(0, 8);
        userWithToken("LEAD", lead);
        signIn(lead, "password-123");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("API tokens")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create token")).click();
        assertThat(page.locator("#name-error")).hasText("must not be blank");

        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("import script");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create token")).click();
        String token = page.locator("#issued-token").inputValue();
        assertThat(token).startsWith("ll_");
        assertThat(api().get("/api/v1/users/me", token).status()).isEqualTo(200);
        screenshot("tokens");

        page.reload();
        assertThat(page.locator("#issued-token")).hasCount(0);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Revoke import script")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("revoked");
        assertThat(api().get("/api/v1/users/me", token).status()).isEqualTo(401);
    }
}
