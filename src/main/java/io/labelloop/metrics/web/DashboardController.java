package io.labelloop.metrics.web;

import io.labelloop.annotation.AnnotatorActivity;
import io.labelloop.embedding.EmbeddingProgress;
import io.labelloop.project.Project;
import io.labelloop.project.ProjectAccess;
import io.labelloop.quality.AgreementService;
import io.labelloop.security.AuthenticatedUser;
import io.labelloop.security.Role;
import io.labelloop.shared.web.PageController;
import io.labelloop.training.ModelSummary;
import io.labelloop.training.ModelVersions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import tools.jackson.databind.json.JsonMapper;

/** The lead's view of a project: is the model learning, how much budget is left, what the last cycle cost. */
@PageController
class DashboardController {

    private final ProjectAccess access;
    private final ProjectFigures figures;
    private final ModelVersions models;
    private final MessageSource messages;
    private final JsonMapper json;
    private final EmbeddingProgress embeddings;
    private final AgreementService agreement;
    private final AnnotatorActivity annotators;

    DashboardController(ProjectAccess access, ProjectFigures figures, ModelVersions models, MessageSource messages,
            JsonMapper json, EmbeddingProgress embeddings, AgreementService agreement, AnnotatorActivity annotators) {
        this.annotators = annotators;
        this.embeddings = embeddings;
        this.agreement = agreement;
        this.access = access;
        this.figures = figures;
        this.models = models;
        this.messages = messages;
        this.json = json;
    }

    @GetMapping("/projects/{id}")
    String dashboard(@PathVariable long id, @AuthenticationPrincipal AuthenticatedUser me, Model model, Locale locale) {
        Project project = access.requireView(id, me);
        List<ModelSummary> versions = models.all(id);
        model.addAttribute("project", project);
        model.addAttribute("stats", figures.of(project));
        model.addAttribute("embeddings", embeddings.of(project));
        AgreementService.Agreement team = agreement.of(project);
        if (team.itemsWithSeveral() > 0) {
            model.addAttribute("agreement", team);
        }
        boolean canManage = me.isAdmin() || me.role() == Role.LEAD;
        model.addAttribute("canManage", canManage);
        if (canManage) {
            model.addAttribute("annotators", annotators.of(project.id()));
        }
        model.addAttribute("curveJson", json.writeValueAsString(curve(versions, locale)));
        model.addAttribute("chartTextsJson", json.writeValueAsString(chartTexts(locale)));
        if (!versions.isEmpty()) {
            ModelSummary latest = versions.getLast();
            model.addAttribute("latest", latest);
            model.addAttribute("latestMetrics", ModelReport.of(latest));
            model.addAttribute("versions", versions.reversed());
        }
        return "dashboard";
    }

    /** One point per model version: labels trained on against accuracy and macro-F1, with how it was measured. */
    private List<CurvePoint> curve(List<ModelSummary> versions, Locale locale) {
        List<CurvePoint> points = new ArrayList<>();
        for (ModelSummary v : versions) {
            Map<String, Object> metrics = v.metrics();
            points.add(new CurvePoint(v.labelCount(), number(metrics.get("accuracy")), number(metrics.get("macroF1")),
                    messages.getMessage("dashboard.curve.point", new Object[] {v.version(),
                            method(metrics.get("method"), locale), metrics.get("evaluatedOn")}, locale)));
        }
        return points;
    }

    /** A point of the learning curve as the chart script reads it (accuracy and macro-F1 null where not measured). */
    record CurvePoint(long labels, Number accuracy, Number macroF1, String note) {
    }

    private static Number number(Object value) {
        return value instanceof Number n ? n : null;
    }

    private String method(Object method, Locale locale) {
        return messages.getMessage("dashboard.method." + method, null, String.valueOf(method), locale);
    }

    private Map<String, String> chartTexts(Locale locale) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : List.of("x", "y", "accuracy", "macroF1")) {
            out.put(key, messages.getMessage("dashboard.curve." + key, null, locale));
        }
        return out;
    }
}
