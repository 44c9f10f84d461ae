package io.labelloop.shared.web;

import io.labelloop.shared.ApiException;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** What the dashboard's buttons share: an API action whose refusal (409) is shown on the next page. */
public final class PageActions {

    private PageActions() {
    }

    /**
     * Runs the action; a 409 becomes the flash attribute {@code refusal} holding its reason (empty result),
     * any other error stays an error page.
     */
    public static <T> Optional<T> unlessRefused(Supplier<T> action, RedirectAttributes redirect, String refusal) {
        try {
            return Optional.of(action.get());
        } catch (ApiException e) {
            if (e.status() != HttpStatus.CONFLICT) {
                throw e;
            }
            redirect.addFlashAttribute(refusal, e.getMessage());
            return Optional.empty();
        }
    }
}
