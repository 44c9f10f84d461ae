package io.labelloop.security.web;

import io.labelloop.security.AuthenticatedUser;
import io.labelloop.security.Role;
import io.labelloop.security.internal.ApiTokenEntity;
import io.labelloop.security.internal.ApiTokenRepository;
import io.labelloop.security.internal.ApiTokens;
import io.labelloop.security.internal.UserAccounts;
import io.labelloop.security.internal.UserEntity;
import io.labelloop.security.internal.UserRepository;
import io.labelloop.shared.ApiException;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "Users and tokens")
class UserController {

    private final UserRepository users;
    private final UserAccounts accounts;
    private final ApiTokens tokens;
    private final ApiTokenRepository tokenStore;

    UserController(UserRepository users, UserAccounts accounts, ApiTokens tokens, ApiTokenRepository tokenStore) {
        this.users = users;
        this.accounts = accounts;
        this.tokens = tokens;
        this.tokenStore = tokenStore;
    }

    record UserView(long id, String username, Role role, Instant createdAt) {
        static UserView of(UserEntity u) {
            return new UserView(u.getId(), u.getUsername(), u.getRole(), u.getCreatedAt());
        }
    }

    record CreateTokenCommand(@NotBlank @Size(max = 100) String name) {
    }

    record IssuedTokenView(long id, String name, String token, Instant createdAt) {
    }

    record TokenView(long id, String name, Instant createdAt, Instant revokedAt) {
        static TokenView of(ApiTokenEntity t) {
            return new TokenView(t.getId(), t.getName(), t.getCreatedAt(), t.getRevokedAt());
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    UserView create(@Valid @RequestBody NewUser cmd, @AuthenticationPrincipal AuthenticatedUser me) {
        requireAdmin(me);
        return UserView.of(accounts.create(cmd.username(), cmd.password(), cmd.role()));
    }

    @GetMapping
    List<UserView> list(@AuthenticationPrincipal AuthenticatedUser me) {
        requireAdmin(me);
        return users.findAll().stream().map(UserView::of).toList();
    }

    @GetMapping("/me")
    UserView me(@AuthenticationPrincipal AuthenticatedUser me) {
        return UserView.of(users.findById(me.id()).orElseThrow());
    }

    @PostMapping("/{username}/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    IssuedTokenView createToken(@PathVariable String username, @Valid @RequestBody CreateTokenCommand cmd,
            @AuthenticationPrincipal AuthenticatedUser me) {
        UserEntity owner = ownerVisibleTo(username, me);
        var issued = tokens.issue(owner.getId(), cmd.name());
        return new IssuedTokenView(issued.stored().getId(), issued.stored().getName(), issued.token(),
                issued.stored().getCreatedAt());
    }

    @GetMapping("/{username}/tokens")
    List<TokenView> listTokens(@PathVariable String username, @AuthenticationPrincipal AuthenticatedUser me) {
        UserEntity owner = ownerVisibleTo(username, me);
        return tokenStore.findByUserIdOrderById(owner.getId()).stream().map(TokenView::of).toList();
    }

    @DeleteMapping("/{username}/tokens/{tokenId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Transactional
    void revokeToken(@PathVariable String username, @PathVariable long tokenId,
            @AuthenticationPrincipal AuthenticatedUser me) {
        UserEntity owner = ownerVisibleTo(username, me);
        ApiTokenEntity token = tokenStore.findByIdAndUserId(tokenId, owner.getId())
                .orElseThrow(() -> ApiException.notFound("token", tokenId));
        token.revoke();
        tokenStore.save(token);
        tokens.forget(tokenId);
    }

    private UserEntity ownerVisibleTo(String username, AuthenticatedUser me) {
        if (!me.isAdmin() && !me.username().equals(username)) {
            throw ApiException.forbidden("only an admin or the user themself manages these tokens");
        }
        return users.findByUsername(username).orElseThrow(() -> ApiException.notFound("user", username));
    }

    private static void requireAdmin(AuthenticatedUser me) {
        if (!me.isAdmin()) {
            throw ApiException.forbidden("only an admin manages users");
        }
    }
}
