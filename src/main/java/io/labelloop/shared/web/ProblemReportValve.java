package io.labelloop.shared.web;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.tomcat.util.buf.MessageBytes;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's own error report, for requests it refuses before the application sees them (an
 * invalid or encoded-slash URI, a malformed header, an unsupported {@code Expect}): an RFC 9457
 * problem detail for {@code /api} callers, who parse JSON, and Tomcat's plain HTML page for browsers.
 */
class ProblemReportValve extends ErrorReportValve {

    private final JsonMapper mapper;

    ProblemReportValve(JsonMapper mapper) {
        this.mapper = mapper;
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        if (!isApi(request)) {
            super.report(request, response, throwable);
            return;
        }
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known != null ? known.getReasonPhrase() : "Error";
        String detail = response.getMessage() != null && !response.getMessage().isBlank()
                ? "the request was refused before it reached the service: " + response.getMessage()
                : "the request was refused before it reached the service";
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(mapper.writeValueAsString(
                        ProblemDetailsAdvice.problem(HttpStatusCode.valueOf(status), title, detail, List.of())));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response is committed: nothing more can be said
        }
    }

    /**
     * Whether the request's raw URI is under {@code /api}, read undecoded since decoding may be what
     * failed; a request line too broken to yield a URI (raw spaces, control bytes, {@code {}} in the
     * target) counts as an API call, since browsers escape all of those and never send one.
     */
    private static boolean isApi(Request request) {
        MessageBytes uri = request.getCoyoteRequest().requestURI();
        String raw = uri == null ? null : uri.toString();
        return raw == null || raw.isEmpty() || raw.equals("/api") || raw.startsWith("/api/");
    }
}
