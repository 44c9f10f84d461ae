package io.labelloop.shared;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * A failure the API reports to its caller as a problem detail (RFC 9457) with the given status;
 * thrown by any module, rendered by the shared problem-details advice.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final List<FieldProblem> errors;
    private final Duration retryAfter;

    public ApiException(HttpStatus status, String title, String detail, List<FieldProblem> errors) {
        this(status, title, detail, errors, null);
    }

    private ApiException(HttpStatus status, String title, String detail, List<FieldProblem> errors, Duration retryAfter) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    public static ApiException notFound(String what, Object id) {
        return new ApiException(HttpStatus.NOT_FOUND, "Not found", what + " " + id + " does not exist", List.of());
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, "Forbidden", detail, List.of());
    }

    public static ApiException conflict(String detail) {
        return new ApiException(HttpStatus.CONFLICT, "Conflict", detail, List.of());
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, "Bad request", detail, List.of());
    }

    public static ApiException invalid(String field, String message) {
        return invalid(List.of(new FieldProblem(field, message)));
    }

    public static ApiException invalid(List<FieldProblem> errors) {
        String detail = errors.stream().map(e -> e.field() + ": " + e.message()).reduce((a, b) -> a + "; " + b).orElse("invalid");
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid request", detail, errors);
    }

    public static ApiException payloadTooLarge(long limitBytes) {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "Payload too large",
                "request body exceeds the limit of " + limitBytes + " bytes", List.of());
    }

    /** 429: the caller should wait this long (sent as {@code Retry-After}) before trying again. */
    public static ApiException tooManyRequests(String detail, Duration retryAfter) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, "Too many requests", detail, List.of(), retryAfter);
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldProblem> errors() {
        return errors;
    }

    /** How long the caller should wait before retrying, when that is known. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** A wait as the whole seconds of a {@code Retry-After} header: rounded up, at least 1. */
    public static long retryAfterSeconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    /** One invalid field and what is wrong with it. */
    public record FieldProblem(String field, String message) {
    }
}
