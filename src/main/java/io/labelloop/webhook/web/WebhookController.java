package io.labelloop.webhook.web;

import io.labelloop.project.ProjectAccess;
import io.labelloop.security.AuthenticatedUser;
import io.labelloop.webhook.internal.WebhookStore.Delivery;
import io.labelloop.webhook.internal.WebhookStore.Hook;
import io.labelloop.webhook.internal.Webhooks;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/projects/{id}/webhooks")
@Tag(name = "Webhooks")
class WebhookController {

    private final ProjectAccess access;
    private final Webhooks webhooks;

    WebhookController(ProjectAccess access, Webhooks webhooks) {
        this.access = access;
        this.webhooks = webhooks;
    }

    /** A registration: the URL, the events, and optionally the signing secret (generated when left out). */
    record NewWebhook(String url, List<String> events, String secret) {
    }

    /** A hook as the API shows it; {@code secret} only in the answer to its registration. */
    record WebhookView(long id, String url, List<String> events, Instant createdAt, String secret) {
        static WebhookView of(Hook h, String secret) {
            return new WebhookView(h.id(), h.url(), h.events().stream().map(Enum::name).toList(), h.createdAt(), secret);
        }
    }

    @PostMapping
    @Operation(summary = "Register a webhook: signed JSON posts (X-Labelloop-Signature: sha256=HMAC of the body) for "
            + "the events named; 201 with the secret (shown only here); 422 for a URL that may not be a target")
    ResponseEntity<WebhookView> register(@PathVariable long id, @RequestBody NewWebhook body,
            @AuthenticationPrincipal AuthenticatedUser me) {
        access.requireManage(id, me);
        var registered = webhooks.register(id, body.url(), body.events(), body.secret(), me.id());
        return ResponseEntity.status(HttpStatus.CREATED).body(WebhookView.of(registered.hook(), registered.secret()));
    }

    @GetMapping
    List<WebhookView> list(@PathVariable long id, @AuthenticationPrincipal AuthenticatedUser me) {
        access.requireManage(id, me);
        return webhooks.hooks(id).stream().map(h -> WebhookView.of(h, null)).toList();
    }

    @DeleteMapping("/{hookId}")
    ResponseEntity<Void> delete(@PathVariable long id, @PathVariable long hookId, @AuthenticationPrincipal AuthenticatedUser me) {
        access.requireManage(id, me);
        webhooks.delete(id, hookId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{hookId}/deliveries")
    @Operation(summary = "The hook's delivery log, newest first: state (PENDING, DELIVERED, FAILED), attempts, last status and error")
    List<Delivery> deliveries(@PathVariable long id, @PathVariable long hookId, @RequestParam(defaultValue = "50") int limit,
            @AuthenticationPrincipal AuthenticatedUser me) {
        access.requireManage(id, me);
        return webhooks.deliveries(id, hookId, limit);
    }
}
