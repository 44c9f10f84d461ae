package io.labelloop.project.web;

import io.labelloop.project.Project;
import io.labelloop.project.ProjectAccess;
import io.labelloop.project.ProjectSettings;
import io.labelloop.project.internal.ProjectService;
import io.labelloop.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1/projects")
@Tag(name = "Projects")
class ProjectController {

    private final ProjectService projects;
    private final ProjectAccess access;
    private final SettingsReader settings;

    ProjectController(ProjectService projects, ProjectAccess access, SettingsReader settings) {
        this.projects = projects;
        this.access = access;
        this.settings = settings;
    }

    @PostMapping
    @Operation(summary = "Create a project; the caller becomes its first member")
    ResponseEntity<Project> create(@RequestBody ProjectSettings body, @AuthenticationPrincipal AuthenticatedUser me) {
        Project created = projects.create(settings.validate(body), me);
        return ResponseEntity.created(URI.create("/api/v1/projects/" + created.id())).body(created);
    }

    @GetMapping
    @Operation(summary = "Projects the caller may see")
    List<Project> list(@AuthenticationPrincipal AuthenticatedUser me) {
        return projects.visibleTo(me);
    }

    @GetMapping("/{id}")
    Project get(@PathVariable long id, @AuthenticationPrincipal AuthenticatedUser me) {
        return access.requireView(id, me);
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change any setting but taskType; labels may only grow; null budget means unlimited")
    Project patch(@PathVariable long id, @RequestBody JsonNode patch, @AuthenticationPrincipal AuthenticatedUser me) {
        Project current = access.requireManage(id, me);
        return projects.update(id, settings.merge(current, patch), me);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id, @AuthenticationPrincipal AuthenticatedUser me) {
        projects.delete(id, me);
    }
}
