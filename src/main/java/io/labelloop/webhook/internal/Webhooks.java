package io.labelloop.webhook.internal;

import io.labelloop.shared.ApiException;
import io.labelloop.webhook.WebhookEvent;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Service;

/** Registering and removing hooks, for the API and the settings page alike. */
@Service
public class Webhooks {
    private static final int MAX_URL_LENGTH = 2000;
    private static final int MAX_HOOKS_PER_PROJECT = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookStore store;
    private final TargetGuard guard;

    Webhooks(WebhookStore store, TargetGuard guard) {
        this.store = store;
        this.guard = guard;
    }

    /** A new hook, and its secret (generated when none was given). */
    public record Registered(WebhookStore.Hook hook, String secret) {
    }

    /** Registers a hook after checking its URL and events; 422 naming the field otherwise. */
    public Registered register(long projectId, String url, List<String> events, String secret, long userId) {
        if (url == null || url.isBlank()) {
            throw ApiException.invalid("url", "is required");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw ApiException.invalid("url", "must be at most " + MAX_URL_LENGTH + " characters");
        }
        try {
            guard.check(url);
        } catch (TargetGuard.RefusedTarget refused) {
            throw ApiException.invalid("url", refused.getMessage());
        }
        List<WebhookEvent> parsed = events(events);
        if (secret != null && (secret.length() < 8 || secret.length() > 200)) {
            throw ApiException.invalid("secret", "must be 8 to 200 characters (or left out to have one generated)");
        }
        if (store.hooks(projectId).size() >= MAX_HOOKS_PER_PROJECT) {
            throw ApiException.conflict("a project has at most " + MAX_HOOKS_PER_PROJECT + " webhooks");
        }
        String key = secret != null ? secret : HexFormat.of().formatHex(bytes());
        long id = store.insert(projectId, url.trim(), parsed, key, userId);
        return new Registered(store.hook(projectId, id).orElseThrow(), key);
    }

    private static byte[] bytes() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return b;
    }

    private static List<WebhookEvent> events(List<String> events) {
        if (events == null || events.isEmpty()) {
            throw ApiException.invalid("events", "name at least one of " + List.of(WebhookEvent.values()));
        }
        LinkedHashSet<WebhookEvent> parsed = new LinkedHashSet<>();
        for (String e : events) {
            try {
                parsed.add(WebhookEvent.valueOf(String.valueOf(e).trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException unknown) {
                throw ApiException.invalid("events", "unknown event '" + e + "'; known: " + List.of(WebhookEvent.values()));
            }
        }
        return new ArrayList<>(parsed);
    }

    public void delete(long projectId, long hookId) {
        if (!store.delete(projectId, hookId)) {
            throw ApiException.notFound("webhook", hookId);
        }
    }

    public List<WebhookStore.Hook> hooks(long projectId) {
        return store.hooks(projectId);
    }

    public List<WebhookStore.Delivery> deliveries(long projectId, long hookId, int limit) {
        store.hook(projectId, hookId).orElseThrow(() -> ApiException.notFound("webhook", hookId));
        return store.deliveries(hookId, Math.max(1, Math.min(500, limit)));
    }
}
