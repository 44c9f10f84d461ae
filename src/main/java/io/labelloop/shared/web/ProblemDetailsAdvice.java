package io.labelloop.shared.web;

import io.labelloop.shared.ApiException;
import io.labelloop.shared.ApiException.FieldProblem;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Renders every API failure as an RFC 9457 problem detail: bad input is a 4xx naming what is
 * wrong, never a 500.
 */
@RestControllerAdvice(annotations = RestController.class)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> handleApi(ApiException e) {
        var response = ResponseEntity.status(e.status());
        e.retryAfter().ifPresent(wait -> response.header(HttpHeaders.RETRY_AFTER,
                String.valueOf(ApiException.retryAfterSeconds(wait))));
        return response.body(problem(e.status(), e.title(), e.getMessage(), e.errors()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> handleTypeMismatch(MethodArgumentTypeMismatchException e) {
        String message = "'" + e.getValue() + "' is not a valid value";
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Bad request",
                e.getName() + ": " + message, List.of(new FieldProblem(e.getName(), message))));
    }

    /**
     * A unique key or reference the request violates is a 409; a value the database cannot hold at all
     * (SQLSTATE class 22: a NUL character, a number out of range) is the caller's malformed input, a 400.
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> handleIntegrity(DataIntegrityViolationException e) {
        if (e.getMostSpecificCause() instanceof java.sql.SQLException sql && sql.getSQLState() != null
                && sql.getSQLState().startsWith("22")) {
            log.info("Rejected a value the database cannot store: {}", sql.getMessage());
            return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Bad request",
                    "a value in the request cannot be stored: " + sql.getMessage().lines().findFirst().orElse(""), List.of()));
        }
        log.info("Rejected a request that conflicts with stored data: {}", e.getMostSpecificCause().getMessage());
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(problem(HttpStatus.CONFLICT, "Conflict", "the request conflicts with stored data", List.of()));
    }

    @ExceptionHandler(org.springframework.dao.ConcurrencyFailureException.class)
    ResponseEntity<ProblemDetail> handleConcurrency(org.springframework.dao.ConcurrencyFailureException e) {
        log.warn("A request lost a race with another one and was not applied: {}", e.getMostSpecificCause().getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Busy", "a concurrent change got in the way; retry the request", List.of()));
    }

    /**
     * No database connection came free within the pool's wait: the service is overloaded, not the
     * request wrong, so the caller is told to retry (503 with {@code Retry-After}), not handed a 500.
     */
    @ExceptionHandler({org.springframework.jdbc.CannotGetJdbcConnectionException.class,
            org.springframework.transaction.CannotCreateTransactionException.class})
    ResponseEntity<ProblemDetail> handleNoConnection(RuntimeException e) {
        log.warn("A request found no free database connection: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Busy", "the service is busy; retry the request", List.of()));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new FieldProblem(f.getField(), f.getDefaultMessage()))
                .toList();
        ApiException invalid = ApiException.invalid(errors);
        return ResponseEntity.status(invalid.status()).body(problem(invalid.status(), invalid.title(), invalid.getMessage(), errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = List.of();
        String detail = "the request body is not valid JSON";
        if (e.getCause() instanceof UnrecognizedPropertyException unknown) {
            String field = JsonPaths.describe(unknown.getPath());
            detail = field + ": unknown field";
            errors = List.of(new FieldProblem(field, "unknown field"));
        } else if (e.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = JsonPaths.describe(mismatch.getPath());
            String message = describe(mismatch);
            detail = field + ": " + message;
            errors = List.of(new FieldProblem(field, message));
        } else if (e.getCause() instanceof JacksonException jackson) {
            detail = "the request body is not valid JSON: " + jackson.getOriginalMessage();
        } else if (e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")) {
            detail = "a request body is required";
        }
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Bad request", detail, errors));
    }

    /** What is wrong with a value that could not be bound, for the caller. */
    public static String describe(MismatchedInputException mismatch) {
        return mismatch instanceof NulFreeStrings.NulCharacterException ? NulFreeStrings.NulCharacterException.MESSAGE
                : expected(mismatch.getTargetType());
    }

    /** What a value of the target type looks like, for a caller who sent the wrong kind. */
    public static String expected(Class<?> type) {
        if (type != null && type.isEnum()) {
            return "must be one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (type != null && (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class))) {
            return "must be a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (type != null && java.util.Collection.class.isAssignableFrom(type)) {
            return "must be an array";
        }
        return "wrong type of value";
    }

    static ProblemDetail problem(HttpStatusCode status, String title, String detail, List<FieldProblem> errors) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, detail);
        pd.setTitle(title);
        if (!errors.isEmpty()) {
            pd.setProperty("errors", errors);
        }
        return pd;
    }
}
