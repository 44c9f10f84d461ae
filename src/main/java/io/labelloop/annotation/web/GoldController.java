package io.labelloop.annotation.web;

import io.labelloop.annotation.GoldItems;
import io.labelloop.project.ProjectAccess;
import io.labelloop.security.AuthenticatedUser;
import io.labelloop.shared.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Leads mark items with a known label as gold (issue 18). */
@RestController
@Tag(name = "Projects")
class GoldController {

    private final ProjectAccess access;
    private final GoldItems gold;

    GoldController(ProjectAccess access, GoldItems gold) {
        this.access = access;
        this.gold = gold;
    }

    record GoldCommand(List<Long> itemIds) {
    }

    @PostMapping("/api/v1/projects/{id}/gold")
    @Operation(summary = "Mark items with an imported or reviewed label as gold items (LEAD, ADMIN); answers the number of gold items among them")
    Map<String, Integer> mark(@PathVariable long id, @RequestBody GoldCommand command, @AuthenticationPrincipal AuthenticatedUser me) {
        var project = access.requireManage(id, me);
        if (command == null || command.itemIds() == null || command.itemIds().isEmpty() || command.itemIds().size() > 10_000
                || command.itemIds().stream().anyMatch(java.util.Objects::isNull)) {
            throw ApiException.invalid("itemIds", "must list 1 to 10000 item ids");
        }
        return Map.of("gold", gold.mark(project.id(), command.itemIds()));
    }
}
