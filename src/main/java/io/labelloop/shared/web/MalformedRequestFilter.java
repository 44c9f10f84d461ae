package io.labelloop.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before anything reads or acts on them, requests whose shape would otherwise fail wherever
 * they are first touched, as a 500 or after the work is done:
 * <ul>
 * <li>a {@code Content-Type} that names no single concrete media type ({@code application/*} fails
 * Spring's body reading with an assertion; {@code garbage} fails each reader its own way): 415;</li>
 * <li>an {@code Accept} header that cannot be parsed (no answer, not even an error, can be negotiated
 * for it): 400;</li>
 * <li>an API call that changes something but accepts no JSON ({@code Accept: text/html} on an
 * upload): 406 before the change, so nothing is stored for a caller that cannot read the answer;</li>
 * <li>a query string or form body whose parameters cannot be decoded ({@code %zz}, {@code ==}): 400.</li>
 * </ul>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1) // after the character encoding filter, which sets how parameters decode
class MalformedRequestFilter extends OncePerRequestFilter {

    private static final Set<String> CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final ProblemWriter problems;

    MalformedRequestFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        if (contentType != null && !contentType.isBlank() && !concrete(contentType)) {
            refuse(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                    "Content-Type must name one media type, such as application/json");
            return;
        }
        List<MediaType> accepted;
        try {
            accepted = MediaType.parseMediaTypes(Collections.list(request.getHeaders(HttpHeaders.ACCEPT)));
        } catch (InvalidMediaTypeException e) {
            refuse(request, response, HttpStatus.BAD_REQUEST, "Bad request",
                    "the Accept header cannot be parsed; send media types such as application/json");
            return;
        }
        if (isApi(request) && CHANGING.contains(request.getMethod()) && !acceptsJson(accepted)) {
            refuse(request, response, HttpStatus.NOT_ACCEPTABLE, "Not acceptable",
                    "this call answers in JSON: its Accept header must allow application/json");
            return;
        }
        try {
            request.getParameterMap();
        } catch (IllegalStateException e) { // Tomcat's InvalidParameterException
            refuse(request, response, HttpStatus.BAD_REQUEST, "Bad request",
                    "the query string or form body cannot be decoded: " + e.getMessage());
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean concrete(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static boolean acceptsJson(List<MediaType> accepted) {
        return accepted.isEmpty() || accepted.stream()
                .anyMatch(type -> type.getQualityValue() > 0 && type.isCompatibleWith(MediaType.APPLICATION_JSON));
    }

    private static boolean isApi(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return uri.equals("/api") || uri.startsWith("/api/");
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title, String detail)
            throws IOException {
        if (isApi(request)) {
            problems.write(response, status, title, detail);
        } else {
            response.sendError(status.value());
        }
    }
}
