package io.labelloop.security.internal;

import io.labelloop.shared.ApiException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The sign-in form under {@link SignInThrottle}: a filter ahead of the form login refuses an attempt
 * that has to wait (before its password is hashed) and sends the browser back to the sign-in page,
 * which says how many seconds to wait; the form login's outcomes feed the counts.
 */
final class SignInAttempts extends OncePerRequestFilter implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

    private static final RequestMatcher SIGN_IN = PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/login");

    private final SignInThrottle throttle;
    private final AuthenticationSuccessHandler signedIn = new SavedRequestAwareAuthenticationSuccessHandler();
    private final RedirectStrategy redirect = new DefaultRedirectStrategy();

    SignInAttempts(SignInThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !SIGN_IN.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Duration wait = throttle.waitBefore(request.getParameter("username"), ClientAddress.of(request));
        if (wait.isZero()) {
            chain.doFilter(request, response);
        } else {
            redirect.sendRedirect(request, response, "/login?wait=" + ApiException.retryAfterSeconds(wait));
        }
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication auth)
            throws IOException, ServletException {
        throttle.succeeded(request.getParameter("username"), ClientAddress.of(request));
        signedIn.onAuthenticationSuccess(request, response, auth);
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        String username = request.getParameter("username");
        String address = ClientAddress.of(request);
        throttle.failed(username, address);
        Duration wait = throttle.waitBefore(username, address);
        redirect.sendRedirect(request, response,
                wait.isZero() ? "/login?error" : "/login?error&wait=" + ApiException.retryAfterSeconds(wait));
    }
}
