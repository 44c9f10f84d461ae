package io.labelloop.project.web;

import io.labelloop.learning.StrategyName;
import io.labelloop.learning.TaskType;
import io.labelloop.project.CertificationPlan;
import io.labelloop.project.ModelFamilies;
import io.labelloop.project.Project;
import io.labelloop.project.ProjectAccess;
import io.labelloop.project.ProjectSettings;
import io.labelloop.project.internal.ProjectService;
import io.labelloop.security.AuthenticatedUser;
import io.labelloop.security.Role;
import io.labelloop.shared.ApiException;
import io.labelloop.shared.web.PageController;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** A lead creates and edits a project in the browser; errors appear next to their fields. */
@PageController
class ProjectFormController {

    private static final String VIEW = "project-form";

    private final ProjectService projects;
    private final ProjectAccess access;
    private final SettingsReader reader;

    ProjectFormController(ProjectService projects, ProjectAccess access, SettingsReader reader) {
        this.projects = projects;
        this.access = access;
        this.reader = reader;
    }

    @ModelAttribute
    void choices(Model model) {
        model.addAttribute("taskTypes", TaskType.values());
        model.addAttribute("strategies", StrategyName.values());
        model.addAttribute("modelFamilies", ModelFamilies.settingValues());
    }

    @GetMapping("/projects/new")
    String initCreationForm(@AuthenticationPrincipal AuthenticatedUser me, Model model) {
        requireLead(me);
        ProjectSettings defaults = ProjectSettings.defaults(TaskType.TEXT);
        model.addAttribute("form", new ProjectForm(reader.formValues(defaults)));
        return VIEW;
    }

    @PostMapping("/projects/new")
    String processCreationForm(@ModelAttribute("form") ProjectForm form, BindingResult errors,
            @AuthenticationPrincipal AuthenticatedUser me, Model model) {
        requireLead(me);
        return save(form, errors, settings -> projects.create(settings, me), model);
    }

    @GetMapping("/projects/{id}/settings")
    String initUpdateForm(@PathVariable long id, @AuthenticationPrincipal AuthenticatedUser me, Model model) {
        Project project = access.requireManage(id, me);
        model.addAttribute("project", project);
        model.addAttribute("form", new ProjectForm(reader.formValues(project.settings())));
        model.addAttribute("plan", CertificationPlan.of(project.queue(), project.autoLabel()));
        return VIEW;
    }

    /** The form's note on the target accuracy, for the values typed so far (htmx swaps it in as the lead types). */
    @GetMapping("/projects/certification-plan")
    String certificationPlan(@RequestParam Map<String, String> params, @AuthenticationPrincipal AuthenticatedUser me,
            Model model) {
        requireLead(me);
        Map<String, String> values = new java.util.HashMap<>();
        params.forEach((k, v) -> values.put(k.startsWith("values[") && k.endsWith("]") ? k.substring(7, k.length() - 1) : k, v));
        model.addAttribute("plan", plan(values));
        return VIEW + " :: certification";
    }

    /** The plan for what the form holds, or none while a value cannot be read. */
    private CertificationPlan plan(Map<String, String> values) {
        Map<String, String> relevant = new java.util.HashMap<>();
        for (String f : List.of("budget", "holdoutFraction", "autoLabelTargetAccuracy")) {
            relevant.put(f, values.getOrDefault(f, ""));
        }
        try {
            ProjectSettings s = reader.fromForm(relevant);
            return CertificationPlan.of(s.queue(), s.autoLabel());
        } catch (ApiException e) {
            return null;
        }
    }

    @PostMapping("/projects/{id}/settings")
    String processUpdateForm(@PathVariable long id, @ModelAttribute("form") ProjectForm form, BindingResult errors,
            @AuthenticationPrincipal AuthenticatedUser me, Model model) {
        Project project = access.requireManage(id, me);
        model.addAttribute("project", project);
        form.getValues().put("taskType", project.taskType().name()); // fixed at creation; the form shows it read-only
        return save(form, errors, settings -> projects.update(id, settings, me), model);
    }

    /** Reads and validates like the API, saves, and goes to the dashboard; or shows the form again with each problem at its field. */
    private String save(ProjectForm form, BindingResult errors, Function<ProjectSettings, Project> saving, Model model) {
        model.addAttribute("plan", plan(form.getValues()));
        if (errors.hasErrors()) {
            return VIEW;
        }
        try {
            ProjectSettings settings = reader.validate(reader.fromForm(form.getValues()));
            return "redirect:/projects/" + saving.apply(settings).id() + "?saved";
        } catch (ApiException e) {
            if (e.status() != HttpStatus.UNPROCESSABLE_CONTENT && e.status() != HttpStatus.BAD_REQUEST) {
                throw e;
            }
            e.errors().forEach(p -> reject(errors, p.field(), p.message()));
            if (!errors.hasErrors()) {
                errors.reject("invalid", e.getMessage());
            }
            return VIEW;
        }
    }

    private static void reject(BindingResult errors, String path, String message) {
        String field = "values[" + path.split("[.\\[]", 2)[0] + "]";
        if (errors.getFieldErrorCount(field) == 0) {
            errors.rejectValue(field, "invalid", message);
        }
    }

    private static void requireLead(AuthenticatedUser me) {
        if (!me.isAdmin() && me.role() != Role.LEAD) {
            throw ApiException.forbidden("only a lead or an admin creates projects");
        }
    }
}
