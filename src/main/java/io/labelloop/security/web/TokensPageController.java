package io.labelloop.security.web;

import io.labelloop.security.AuthenticatedUser;
import io.labelloop.security.internal.ApiTokenEntity;
import io.labelloop.security.internal.ApiTokenRepository;
import io.labelloop.security.internal.ApiTokens;
import io.labelloop.shared.ApiException;
import io.labelloop.shared.web.PageController;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in user's API tokens: create one (its value is shown once, after the redirect), list, revoke. */
@PageController
class TokensPageController {

    private static final int MAX_NAME = 100;

    private final ApiTokens tokens;
    private final ApiTokenRepository tokenStore;

    TokensPageController(ApiTokens tokens, ApiTokenRepository tokenStore) {
        this.tokens = tokens;
        this.tokenStore = tokenStore;
    }

    @GetMapping("/account/tokens")
    String list(@AuthenticationPrincipal AuthenticatedUser me, Model model) {
        model.addAttribute("tokens", tokenStore.findByUserIdOrderById(me.id()));
        return "tokens";
    }

    @PostMapping("/account/tokens")
    String create(@RequestParam(defaultValue = "") String name, @AuthenticationPrincipal AuthenticatedUser me,
            RedirectAttributes redirect, Model model) {
        String trimmed = name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME) {
            model.addAttribute("nameError", trimmed.isEmpty() ? "tokens.name.blank" : "tokens.name.long");
            model.addAttribute("name", name);
            return list(me, model);
        }
        var issued = tokens.issue(me.id(), trimmed);
        redirect.addFlashAttribute("issuedName", issued.stored().getName());
        redirect.addFlashAttribute("issuedToken", issued.token());
        return "redirect:/account/tokens";
    }

    @PostMapping("/account/tokens/{tokenId}/revoke")
    @Transactional
    String revoke(@PathVariable long tokenId, @AuthenticationPrincipal AuthenticatedUser me, RedirectAttributes redirect) {
        ApiTokenEntity token = tokenStore.findByIdAndUserId(tokenId, me.id())
                .orElseThrow(() -> ApiException.notFound("token", tokenId));
        token.revoke();
        tokenStore.save(token);
        tokens.forget(token.getId());
        redirect.addFlashAttribute("revokedName", token.getName());
        return "redirect:/account/tokens";
    }
}
