package io.labelloop.project.web;

import io.labelloop.learning.StrategyName;
import io.labelloop.learning.TaskType;
import io.labelloop.project.ModelFamilies;
import io.labelloop.project.Project;
import io.labelloop.project.ProjectAccess;
import io.labelloop.project.ProjectSettings;
import io.labelloop.project.internal.ProjectService;
import io.labelloop.security.AuthenticatedUser;
import io.labelloop.security.Role;
import io.labelloop.shared.ApiException;
import io.labelloop.shared.web.PageController;
import jakarta.validation.Validator;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** A lead creates and edits a project in the browser; errors appear next to their fields. */
@PageController
class ProjectFormController {

    private static final String VIEW = "project-form";

    private final ProjectService projects;
    private final ProjectAccess access;
    private final Validator validator;

    ProjectFormController(ProjectService projects, ProjectAccess access, Validator validator) {
        this.projects = projects;
        this.access = access;
        this.validator = validator;
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
        model.addAttribute("form", new ProjectForm());
        return VIEW;
    }

    @PostMapping("/projects/new")
    String processCreationForm(@ModelAttribute("form") ProjectForm form, BindingResult errors,
            @AuthenticationPrincipal AuthenticatedUser me) {
        requireLead(me);
        return save(form, errors, () -> projects.create(form.toSettings(), me));
    }

    @GetMapping("/projects/{id}/settings")
    String initUpdateForm(@PathVariable long id, @AuthenticationPrincipal AuthenticatedUser me, Model model) {
        Project project = access.requireManage(id, me);
        model.addAttribute("project", project);
        model.addAttribute("form", ProjectForm.of(project));
        return VIEW;
    }

    @PostMapping("/projects/{id}/settings")
    String processUpdateForm(@PathVariable long id, @ModelAttribute("form") ProjectForm form, BindingResult errors,
            @AuthenticationPrincipal AuthenticatedUser me, Model model) {
        Project project = access.requireManage(id, me);
        model.addAttribute("project", project);
        form.setTaskType(project.taskType()); // fixed at creation; the form shows it read-only
        return save(form, errors, () -> projects.update(id, form.toSettings(), me));
    }

    /** Validates like the API, saves, and goes to the dashboard; or shows the form again with each problem at its field. */
    private String save(ProjectForm form, BindingResult errors, Supplier<Project> saving) {
        if (!errors.hasErrors()) {
            ProjectSettings settings = form.toSettings();
            validator.validate(settings).forEach(v -> reject(errors, v.getPropertyPath().toString(), v.getMessage()));
        }
        if (errors.hasErrors()) {
            return VIEW;
        }
        try {
            return "redirect:/projects/" + saving.get().id() + "?saved";
        } catch (ApiException e) {
            if (e.status() != HttpStatus.UNPROCESSABLE_CONTENT) {
                throw e;
            }
            e.errors().forEach(p -> reject(errors, p.field(), p.message()));
            return VIEW;
        }
    }

    private static void reject(BindingResult errors, String path, String message) {
        String field = path.split("[.\\[]", 2)[0];
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
