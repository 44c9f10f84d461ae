package io.labelloop.shared.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.web.ErrorProperties;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors that happen before any controller (no such path, a request the firewall rejects, a servlet
 * failure) still reach API clients as RFC 9457 problem details, whatever they accept; browsers keep
 * getting the HTML error pages.
 */
@Controller
class ProblemErrorController extends BasicErrorController {

    private final ProblemWriter problems;

    ProblemErrorController(ErrorAttributes errorAttributes, List<ErrorViewResolver> resolvers, ProblemWriter problems) {
        super(errorAttributes, new ErrorProperties(), resolvers);
        this.problems = problems;
    }

    @Override
    public ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (path instanceof String p && (p.equals("/api") || p.startsWith("/api/"))) {
            HttpStatus status = getStatus(request);
            try {
                problems.write(response, status, status.getReasonPhrase(), detail(status, path));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null; // answered: an /api caller that accepts HTML still gets the API's format
        }
        return super.errorHtml(request, response);
    }

    @Override
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        HttpStatus status = getStatus(request);
        if (status == HttpStatus.NO_CONTENT) {
            return new ResponseEntity<>(status);
        }
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail(status, path));
        if (path != null) {
            body.put("instance", path);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    private static String detail(HttpStatus status, Object path) {
        return status == HttpStatus.NOT_FOUND ? "no resource at " + path
                : status.is5xxServerError() ? "the service failed to handle this request" : status.getReasonPhrase();
    }
}
