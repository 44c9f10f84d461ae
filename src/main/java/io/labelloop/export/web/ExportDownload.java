package io.labelloop.export.web;

import io.labelloop.security.AuthenticatedUser;
import io.labelloop.shared.web.PageController;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The dashboard's export buttons: the API's streamed export, downloaded in the browser session. */
@PageController
class ExportDownload {

    private final ExportController api;

    ExportDownload(ExportController api) {
        this.api = api;
    }

    @GetMapping("/projects/{id}/export")
    void download(@PathVariable long id, @RequestParam(defaultValue = "csv") String format,
            @RequestParam(required = false) List<String> source, @RequestParam(defaultValue = "true") boolean synthetic,
            @AuthenticationPrincipal AuthenticatedUser me, HttpServletResponse response) throws IOException {
        api.export(id, format, source, synthetic, me, response);
    }
}
