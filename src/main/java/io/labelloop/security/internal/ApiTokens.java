package io.labelloop.security.internal;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.labelloop.security.AuthenticatedUser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
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
    private final long cacheNanos;
    private final Map<String, Cached> cache = Caffeine.newBuilder().maximumSize(10_000).<String, Cached>build().asMap();

    ApiTokens(ApiTokenRepository tokens, UserRepository users,
            @Value("${labelloop.security.token-cache-ttl:30s}") Duration cacheTtl) {
        this.tokens = tokens;
        this.users = users;
        this.cacheNanos = cacheTtl.toNanos();
    }

    /** A recent successful lookup: the token's id (to forget it on revocation) and its user. */
    private record Cached(long tokenId, AuthenticatedUser user, long expiresAt) {
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

    /**
     * The token's user. Successful lookups are cached briefly ({@code labelloop.security.token-cache-ttl},
     * default 30 s) so that an API call costs no extra query; a revocation through this instance
     * takes effect at once, through another instance within the cache time.
     */
    public Optional<AuthenticatedUser> authenticate(String token) {
        return authenticateHash(hash(token));
    }

    /** {@link #authenticate} for a token already hashed with {@link #hash}. */
    Optional<AuthenticatedUser> authenticateHash(String hash) {
        Cached hit = cache.get(hash);
        long now = System.nanoTime();
        if (hit != null && hit.expiresAt() - now > 0) {
            return Optional.of(hit.user());
        }
        Optional<ApiTokenEntity> stored = tokens.findByTokenHashAndRevokedAtIsNull(hash);
        Optional<AuthenticatedUser> user = stored.flatMap(t -> users.findById(t.getUserId()))
                .filter(UserEntity::isEnabled)
                .map(UserEntity::toPrincipal);
        if (user.isPresent() && cacheNanos > 0) {
            cache.put(hash, new Cached(stored.get().getId(), user.get(), now + cacheNanos));
        } else {
            cache.remove(hash);
        }
        return user;
    }

    /** Forgets cached lookups of a token that was just revoked. */
    public void forget(long tokenId) {
        cache.values().removeIf(c -> c.tokenId() == tokenId);
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
