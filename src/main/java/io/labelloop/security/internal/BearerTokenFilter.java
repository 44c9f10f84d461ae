package io.labelloop.security.internal;

import io.labelloop.security.AuthenticatedUser;
import io.labelloop.shared.ApiException;
import io.labelloop.shared.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>} API calls; anything else stays anonymous (and
 * gets a 401). An address that sent too many invalid tokens gets 429 with {@code Retry-After} before
 * its next token is looked up ({@link TokenThrottle}).
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private final ApiTokens tokens;
    private final TokenThrottle throttle;
    private final ProblemWriter problems;

    BearerTokenFilter(ApiTokens tokens, TokenThrottle throttle, ProblemWriter problems) {
        this.tokens = tokens;
        this.throttle = throttle;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = header.substring(7).trim();
            if (!token.isEmpty()) {
                String hash = ApiTokens.hash(token);
                String address = ClientAddress.of(request);
                Duration wait = throttle.waitBefore(address, hash);
                if (!wait.isZero()) {
                    long seconds = ApiException.retryAfterSeconds(wait);
                    response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
                    problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
                            "too many requests with invalid API tokens came from your address; retry in " + seconds + " s");
                    return;
                }
                Optional<AuthenticatedUser> user = tokens.authenticateHash(hash);
                if (user.isPresent()) {
                    throttle.succeeded(address, hash);
                    var auth = UsernamePasswordAuthenticationToken.authenticated(user.get(), null, user.get().getAuthorities());
                    SecurityContextHolder.getContext().setAuthentication(auth);
                } else {
                    throttle.failed(address);
                }
            }
        }
        chain.doFilter(request, response);
    }
}
