package io.labelloop.project.web;

import io.labelloop.project.internal.ProjectService;
import io.labelloop.security.AuthenticatedUser;
import io.labelloop.security.UserDirectory.UserRef;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/projects/{id}/members")
@Tag(name = "Projects")
class MemberController {

    private final ProjectService projects;

    MemberController(ProjectService projects) {
        this.projects = projects;
    }

    record AddMemberCommand(@NotBlank String username) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void add(@PathVariable long id, @Valid @RequestBody AddMemberCommand cmd, @AuthenticationPrincipal AuthenticatedUser me) {
        projects.addMember(id, cmd.username(), me);
    }

    @GetMapping
    List<UserRef> list(@PathVariable long id, @AuthenticationPrincipal AuthenticatedUser me) {
        return projects.members(id, me);
    }

    @DeleteMapping("/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable long id, @PathVariable String username, @AuthenticationPrincipal AuthenticatedUser me) {
        projects.removeMember(id, username, me);
    }
}
