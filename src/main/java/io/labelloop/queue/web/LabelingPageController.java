package io.labelloop.queue.web;

import io.labelloop.annotation.LabelQueries;
import io.labelloop.annotation.UndoPolicy;
import io.labelloop.project.LabelKeys;
import io.labelloop.project.Project;
import io.labelloop.project.ProjectAccess;
import io.labelloop.queue.QueueReason;
import io.labelloop.queue.internal.ClaimService.EmptyReason;
import io.labelloop.security.AuthenticatedUser;
import io.labelloop.shared.web.PageController;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import tools.jackson.databind.json.JsonMapper;

/** The annotator's page: one item at a time, labeled by mouse or keyboard ({@code frontend/js/label.js}). */
@PageController
class LabelingPageController {

    private static final String[] SCRIPT_TEXTS = {"loading", "item", "itemImage", "feature", "value", "suggests", "score",
            "labeled", "skipped", "undone", "failed", "budgetOf", "budgetUnlimited", "synthetic", "synthetic.madeBy",
            "synthetic.from", "invalid", "invalidDone", "details", "noSuggestionYet", "zoomIn", "zoomOut", "zoomFit",
            "zoomFitShort", "imageHelp", "noMatch", "itemTaken", "away", "heldByOthers", "heldByOthersOne", "columnsByModel", "columnsNoModel", "flagged",
            "similarAlike"};

    /** From this many labels on, the page offers a filter: a long list of buttons is slow to scan. */
    private static final int FILTER_FROM = 12;

    private final ProjectAccess access;
    private final LabelQueries progress;
    private final MessageSource messages;
    private final JsonMapper json;
    private final UndoPolicy undo;
    private final PageLeaseSettings leases;

    LabelingPageController(ProjectAccess access, LabelQueries progress, MessageSource messages, JsonMapper json,
            UndoPolicy undo, PageLeaseSettings leases) {
        this.leases = leases;
        this.access = access;
        this.progress = progress;
        this.messages = messages;
        this.json = json;
        this.undo = undo;
    }

    @GetMapping("/projects/{id}/label")
    String page(@PathVariable long id, @AuthenticationPrincipal AuthenticatedUser me, Model model, Locale locale) {
        Project project = access.requireView(id, me);
        model.addAttribute("project", project);
        model.addAttribute("progress", progress.progress(project, me.id()));
        model.addAttribute("keys", LabelKeys.assign(project.labels(), project.labelingPage().labelKeys()));
        model.addAttribute("filterLabels", project.labels().size() > FILTER_FROM);
        model.addAttribute("undoSeconds", undo.window().toSeconds());
        model.addAttribute("heartbeatSeconds", leases.heartbeatSeconds());
        model.addAttribute("idleSeconds", leases.idleAfter().toSeconds());
        model.addAttribute("textsJson", json.writeValueAsString(texts(project, locale)));
        return "label";
    }

    /** The sentences the script shows, resolved here so that every word stays in messages.properties. */
    private Map<String, String> texts(Project project, Locale locale) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : SCRIPT_TEXTS) {
            out.put(key, messages.getMessage("label." + key, null, locale));
        }
        String strategy = messages.getMessage("strategy." + project.queue().strategy(), null, project.queue().strategy().name(), locale);
        for (QueueReason reason : QueueReason.values()) {
            out.put("reason." + reason, messages.getMessage("label.reason." + reason, new Object[] {strategy}, locale));
        }
        for (EmptyReason reason : EmptyReason.values()) {
            out.put("empty." + reason, messages.getMessage("label.empty." + reason, null, locale));
        }
        return out;
    }
}
