package io.labelloop.shared.fuzz;

import java.util.List;
import java.util.Map;

/**
 * What a fuzz run may aim at: the callers' tokens (the first is an admin's), the projects it set up
 * with their items, the label names and usernames those projects use. Requests mostly go to these
 * real ids, so that the malformed part is reached rather than a plain 404.
 */
public record FuzzContext(List<Caller> callers, List<Long> projects, Map<Long, List<Long>> items, List<String> labels,
        List<String> usernames) {

    /** A caller's name (printed with a failing request) and API token; {@code weight} is how often it is picked. */
    public record Caller(String name, String token, int weight) {
    }
}
