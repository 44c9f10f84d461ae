package io.labelloop.browse;

import io.labelloop.shared.ApiException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * An annotator's own labels, most recent first (the "My labels" page): the human labels they gave that are
 * still theirs, and their judgments in projects where several people judge an item. Changing or taking one
 * back goes through {@link io.labelloop.annotation.LabelSubmission} with the API's rules, so the page and the
 * API cannot disagree. Keyset pages on {@code labels_by_user} and {@code judgments_by_user}.
 */
@Service
public class MyLabels {

    private final JdbcClient jdbc;

    MyLabels(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One of the caller's labels, with the item's text start (or null for tabular and image items) and open flags by the caller. */
    public record Mine(long itemId, String externalId, String snippet, String label, Instant at, boolean holdout, int myOpenFlags) {
    }

    /** A page and the cursor of the next, older one (null on the last page). */
    public record Page(List<Mine> labels, String older) {
    }

    public Page recent(long projectId, long userId, String before, int limit) {
        Instant beforeAt = Instant.parse("9999-12-31T00:00:00Z");
        long beforeId = Long.MAX_VALUE;
        if (before != null && !before.isBlank()) {
            try {
                int split = before.lastIndexOf('~');
                beforeAt = Instant.parse(before.substring(0, split));
                beforeId = Long.parseLong(before.substring(split + 1));
            } catch (RuntimeException e) {
                throw ApiException.invalid("before", "is not a cursor this page returned");
            }
        }
        List<Mine> rows = new ArrayList<>(jdbc.sql("""
                with mine as (
                    (select item_id, label, updated_at, holdout from labels
                     where project_id = :project and user_id = :user and source = 'HUMAN' and not from_judgments
                       and (updated_at, item_id) < (:at, :id)
                     order by updated_at desc, item_id desc limit :limit)
                    union all
                    (select item_id, label, updated_at, holdout from judgments
                     where project_id = :project and user_id = :user and (updated_at, item_id) < (:at, :id)
                     order by updated_at desc, item_id desc limit :limit))
                select m.item_id, i.external_id, left(i.text, 240) as snippet, m.label, m.updated_at, m.holdout,
                       (select count(*) from item_flags f where f.item_id = m.item_id and f.user_id = :user
                          and f.resolved_at is null) as flags
                from mine m join items i on i.id = m.item_id
                order by m.updated_at desc, m.item_id desc limit :limit""")
                .param("project", projectId).param("user", userId).param("at", Timestamp.from(beforeAt)).param("id", beforeId)
                .param("limit", limit + 1)
                .query((rs, n) -> new Mine(rs.getLong("item_id"), rs.getString("external_id"), rs.getString("snippet"),
                        rs.getString("label"), rs.getTimestamp("updated_at").toInstant(), rs.getBoolean("holdout"), rs.getInt("flags")))
                .list());
        String older = null;
        if (rows.size() > limit) {
            rows.removeLast();
            Mine last = rows.getLast();
            older = last.at() + "~" + last.itemId();
        }
        return new Page(rows, older);
    }
}
