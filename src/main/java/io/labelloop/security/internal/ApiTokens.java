package io.labelloop.security.internal;

import io.labelloop.security.AuthenticatedUser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues and checks API tokens. A token is 256 random bits; only its SHA-256 is stored, which is
 * enough for a secret of that entropy (a slow password hash would only slow every API call).
 */
@Service
public class ApiTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiTokenRepository tokens;
    private final UserRepository users;

    ApiTokens(ApiTokenRepository tokens, UserRepository users) {
        this.tokens = tokens;
        this.users = users;
    }

    /** Creates a token for the user and returns the stored record with the plain token, shown only now. */
    @Transactional
    public IssuedToken issue(long userId, String name) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = "ll_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new IssuedToken(store(userId, name, token), token);
    }

    /** Stores a token whose value the operator chose (the bootstrap admin token). */
    @Transactional
    public ApiTokenEntity store(long userId, String name, String token) {
        return tokens.save(new ApiTokenEntity(userId, name, hash(token)));
    }

    @Transactional(readOnly = true)
    public Optional<AuthenticatedUser> authenticate(String token) {
        return tokens.findByTokenHashAndRevokedAtIsNull(hash(token))
                .flatMap(t -> users.findById(t.getUserId()))
                .filter(UserEntity::isEnabled)
                .map(UserEntity::toPrincipal);
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public record IssuedToken(ApiTokenEntity stored, String token) {
    }
}
