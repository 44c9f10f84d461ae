package io.labelloop.shared.web;

import io.labelloop.shared.InstanceRole;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * On a {@code worker} instance ({@code LABELLOOP_ROLE=worker}) only {@code /actuator} answers (health for the
 * probes, metrics for Prometheus); anything else is a 404 problem detail before security or a controller runs,
 * so a worker that a load balancer reached by mistake serves no user and spends no core on one.
 */
@Component
@ConditionalOnProperty(name = InstanceRole.PROPERTY, havingValue = "worker")
@Order(Ordered.HIGHEST_PRECEDENCE)
class WorkerOnlyFilter extends OncePerRequestFilter {

    private final ProblemWriter problems;

    WorkerOnlyFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String uri = request.getRequestURI();
        if (uri.equals("/actuator") || uri.startsWith("/actuator/")) {
            chain.doFilter(request, response);
            return;
        }
        problems.write(response, HttpStatus.NOT_FOUND, "Not found",
                "this instance runs background jobs only (LABELLOOP_ROLE=worker); the API and the pages are served by the API instances");
    }
}
