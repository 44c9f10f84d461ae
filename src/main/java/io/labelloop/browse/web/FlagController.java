package io.labelloop.browse.web;

import io.labelloop.browse.ItemFlags;
import io.labelloop.project.Project;
import io.labelloop.project.ProjectAccess;
import io.labelloop.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Flags: any member flags an item ("unsure", "problem") with a note, through the API or the labeling page
 * (session, CSRF-protected); leads read and resolve them.
 */
@RestController
@Tag(name = "Item browser")
class FlagController {

    private final ProjectAccess access;
    private final ItemFlags flags;

    FlagController(ProjectAccess access, ItemFlags flags) {
        this.access = access;
        this.flags = flags;
    }

    record NewFlag(String kind, String note) {
    }

    @PostMapping("/api/v1/projects/{id}/items/{itemId}/flags")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Flag an item UNSURE or PROBLEM with an optional note (any member); leads see it in the item browser")
    ItemFlags.Flag flag(@PathVariable long id, @PathVariable long itemId, @RequestBody NewFlag body,
            @AuthenticationPrincipal AuthenticatedUser me) {
        Project project = access.requireView(id, me);
        return flags.add(project.id(), itemId, me.id(), body.kind(), body.note());
    }

    /** The labeling page's flag button (form fields, session). */
    @PostMapping("/projects/{id}/label/{itemId}/flag")
    @ResponseStatus(HttpStatus.CREATED)
    ItemFlags.Flag flagFromPage(@PathVariable long id, @PathVariable long itemId, @RequestParam(defaultValue = "") String kind,
            @RequestParam(required = false) String note, @AuthenticationPrincipal AuthenticatedUser me) {
        Project project = access.requireView(id, me);
        return flags.add(project.id(), itemId, me.id(), kind, note);
    }

    @GetMapping("/api/v1/projects/{id}/items/{itemId}/flags")
    @Operation(summary = "An item's flags, newest first (leads)")
    List<ItemFlags.Flag> list(@PathVariable long id, @PathVariable long itemId, @AuthenticationPrincipal AuthenticatedUser me) {
        return flags.of(access.requireManage(id, me).id(), itemId);
    }

    @PostMapping("/api/v1/projects/{id}/items/{itemId}/flags/resolve")
    @Operation(summary = "Resolve an item's open flags (leads)")
    Map<String, Integer> resolve(@PathVariable long id, @PathVariable long itemId, @AuthenticationPrincipal AuthenticatedUser me) {
        return Map.of("resolved", flags.resolve(access.requireManage(id, me).id(), itemId, me.id()));
    }
}
