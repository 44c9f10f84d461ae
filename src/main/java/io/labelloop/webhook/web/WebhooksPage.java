package io.labelloop.webhook.web;

import io.labelloop.project.Project;
import io.labelloop.project.ProjectAccess;
import io.labelloop.security.AuthenticatedUser;
import io.labelloop.shared.ApiException;
import io.labelloop.shared.web.PageController;
import io.labelloop.webhook.WebhookEvent;
import io.labelloop.webhook.internal.WebhookStore;
import io.labelloop.webhook.internal.Webhooks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A project's webhooks for leads: the registered URLs with their recent deliveries, a form to add one. */
@PageController
class WebhooksPage {
    private static final int RECENT = 10;

    private final ProjectAccess access;
    private final Webhooks webhooks;

    WebhooksPage(ProjectAccess access, Webhooks webhooks) {
        this.access = access;
        this.webhooks = webhooks;
    }

    /** A hook with its latest deliveries, for the page. */
    record HookRow(WebhookStore.Hook hook, List<WebhookStore.Delivery> deliveries) {
    }

    @GetMapping("/projects/{id}/webhooks")
    String page(@PathVariable long id, @AuthenticationPrincipal AuthenticatedUser me, Model model) {
        Project project = access.requireManage(id, me);
        model.addAttribute("project", project);
        model.addAttribute("events", WebhookEvent.values());
        model.addAttribute("hooks", webhooks.hooks(id).stream()
                .map(h -> new HookRow(h, webhooks.deliveries(id, h.id(), RECENT))).toList());
        return "webhooks";
    }

    @PostMapping("/projects/{id}/webhooks")
    String add(@PathVariable long id, @RequestParam(defaultValue = "") String url,
            @RequestParam(required = false) List<String> events, @RequestParam(defaultValue = "") String secret,
            @AuthenticationPrincipal AuthenticatedUser me, Model model, RedirectAttributes redirect) {
        access.requireManage(id, me);
        try {
            var registered = webhooks.register(id, url.strip(), events, secret.isBlank() ? null : secret, me.id());
            redirect.addFlashAttribute("addedSecret", registered.secret());
            redirect.addFlashAttribute("addedUrl", registered.hook().url());
        } catch (ApiException e) {
            if (e.status() != HttpStatus.UNPROCESSABLE_CONTENT) {
                throw e;
            }
            Map<String, String> errors = new LinkedHashMap<>();
            e.errors().forEach(f -> errors.put(f.field(), f.message()));
            model.addAttribute("errors", errors);
            model.addAttribute("url", url);
            model.addAttribute("chosen", events == null ? List.of() : events);
            return page(id, me, model);
        }
        return "redirect:/projects/" + id + "/webhooks";
    }

    @PostMapping("/projects/{id}/webhooks/{hookId}/delete")
    String delete(@PathVariable long id, @PathVariable long hookId, @AuthenticationPrincipal AuthenticatedUser me,
            RedirectAttributes redirect) {
        access.requireManage(id, me);
        webhooks.delete(id, hookId);
        redirect.addFlashAttribute("removed", true);
        return "redirect:/projects/" + id + "/webhooks";
    }
}
