package io.labelloop.item.web;

import io.labelloop.item.UploadReport;
import io.labelloop.project.ProjectAccess;
import io.labelloop.security.AuthenticatedUser;
import io.labelloop.shared.web.PageController;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** The lead's upload page; {@code frontend/js/upload.js} sends the file and shows progress and the report. */
@PageController
class ItemUploadPage {

    private static final List<String> SCRIPT_TEXTS = List.of("sending", "processing", "done", "failed", "firstShown");

    private final ProjectAccess access;
    private final MessageSource messages;
    private final JsonMapper json;

    ItemUploadPage(ProjectAccess access, MessageSource messages, JsonMapper json) {
        this.access = access;
        this.messages = messages;
        this.json = json;
    }

    @GetMapping("/projects/{id}/upload")
    String page(@PathVariable long id, @AuthenticationPrincipal AuthenticatedUser me, Model model, Locale locale) {
        model.addAttribute("project", access.requireManage(id, me));
        Map<String, String> texts = new LinkedHashMap<>();
        SCRIPT_TEXTS.forEach(key -> texts.put(key, messages.getMessage("upload." + key, null, locale)));
        model.addAttribute("textsJson", json.writeValueAsString(texts));
        return "upload";
    }

    /**
     * The upload itself in the browser session (CSRF-protected): the file is the raw request body,
     * its format given by Content-Type, streamed exactly as the API's bulk upload does.
     */
    @RestController
    static class Action {

        private final ItemController api;

        Action(ItemController api) {
            this.api = api;
        }

        @PostMapping("/projects/{id}/upload")
        UploadReport upload(@PathVariable long id, HttpServletRequest request, @AuthenticationPrincipal AuthenticatedUser me)
                throws IOException, HttpMediaTypeNotSupportedException {
            return api.upload(id, request, me);
        }
    }
}
