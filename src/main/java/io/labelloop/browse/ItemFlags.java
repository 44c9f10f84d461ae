package io.labelloop.browse;

import io.labelloop.shared.ApiException;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Flags on items: an annotator marks an item {@code UNSURE} or {@code PROBLEM} with an optional note;
 * leads see the open ones in the item browser and resolve them. A flag neither labels nor skips.
 */
@Service
public class ItemFlags {

    public static final List<String> KINDS = List.of("UNSURE", "PROBLEM");
    public static final int MAX_NOTE = 2000;

    private final JdbcClient jdbc;

    ItemFlags(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A flag as leads see it; {@code user} null when the account is gone. */
    public record Flag(long id, String kind, String note, String user, Instant at, Instant resolvedAt, String resolvedBy) {
    }

    /** Stores a flag on the project's item; 404 for an item it does not have, 422 for a kind or note out of bounds. */
    @Transactional
    public Flag add(long projectId, long itemId, long userId, String kind, String note) {
        if (kind == null || !KINDS.contains(kind)) {
            throw ApiException.invalid("kind", "must be one of " + KINDS);
        }
        String text = note == null || note.isBlank() ? null : note.strip();
        if (text != null && text.length() > MAX_NOTE) {
            throw ApiException.invalid("note", "must be at most " + MAX_NOTE + " characters");
        }
        long id = jdbc.sql("""
                insert into item_flags (project_id, item_id, user_id, kind, note)
                select i.project_id, i.id, ?, ?, ? from items i where i.project_id = ? and i.id = ?
                returning id""")
                .params(userId, kind, text, projectId, itemId).query(Long.class).optional()
                .orElseThrow(() -> ApiException.notFound("item", itemId));
        return of(projectId, itemId).stream().filter(f -> f.id() == id).findFirst().orElseThrow();
    }

    @Transactional(readOnly = true)
    public List<Flag> of(long projectId, long itemId) {
        return jdbc.sql("""
                select f.id, f.kind, f.note, u.username, f.created_at, f.resolved_at, r.username
                from item_flags f left join users u on u.id = f.user_id left join users r on r.id = f.resolved_by
                where f.item_id = ? and f.project_id = ? order by f.id desc limit 200""")
                .params(itemId, projectId)
                .query((rs, n) -> new Flag(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant(), rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant(),
                        rs.getString(7)))
                .list();
    }

    /** Resolves every open flag of the item; returns how many there were. */
    @Transactional
    public int resolve(long projectId, long itemId, long leadId) {
        return jdbc.sql("update item_flags set resolved_at = now(), resolved_by = ? where project_id = ? and item_id = ? and resolved_at is null")
                .params(leadId, projectId, itemId).update();
    }
}
