package io.labelloop.browse;

import io.labelloop.shared.ApiException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pages through a project's items for the item browser with keyset pagination: each page continues
 * after the (sort value, id) of the last row, so page 1,000 costs what page 1 does (an OFFSET would
 * read every row before it). Stays in index order on {@code items (project_id, id)}; the figures at
 * 1,000,000 items are in docs/labeling-experience.md.
 */
@Service
public class ItemBrowser {

    private final JdbcClient jdbc;

    ItemBrowser(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One row of the browser. {@code label} is the final label and {@code source} where it came from (null: none). */
    public record Row(long itemId, String externalId, String snippet, boolean synthetic, String label, String source,
            String annotator, Instant labeledAt, String predicted, Double confidence, boolean queued) {
    }

    /** A page and the cursor of the next one (null on the last page). */
    public record Page(List<Row> items, String next) {
    }

    private static final String SELECT = """
            select i.id, i.external_id, left(i.text, 240) as snippet, i.synthetic,
                   h.label as human_label, u.username as annotator, h.updated_at as labeled_at,
                   i.imported_label, a.label as auto_label,
                   q.item_id is not null as queued,
                   coalesce(a.label, q.prediction ->> 'label') as predicted,
                   coalesce(a.confidence, (q.prediction ->> 'confidence')::float8) as confidence
            from items i
            left join labels h on h.item_id = i.id and h.source = 'HUMAN'
            left join users u on u.id = h.user_id
            left join labels a on a.item_id = i.id and a.source = 'AUTO'
            left join queue_entries q on q.item_id = i.id
            where i.project_id = :project
            """;

    @Transactional(readOnly = true)
    public Page page(long projectId, BrowseQuery query) {
        StringBuilder sql = new StringBuilder(SELECT);
        Map<String, Object> params = new TreeMap<>();
        params.put("project", projectId);
        if (query.q() != null) {
            Long id = asId(query.q());
            sql.append(" and (i.text ilike :like or i.external_id = :q").append(id != null ? " or i.id = :qid" : "").append(")");
            params.put("like", "%" + query.q().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            params.put("q", query.q());
            if (id != null) {
                params.put("qid", id);
            }
        }
        if (query.label() != null) {
            sql.append(" and coalesce(h.label, i.imported_label, a.label) = :label");
            params.put("label", query.label());
        }
        if (query.source() != null) {
            sql.append(switch (query.source()) {
                case "HUMAN" -> " and h.id is not null";
                case "IMPORTED" -> " and h.id is null and i.imported_label is not null";
                case "AUTO" -> " and h.id is null and i.imported_label is null and a.id is not null";
                default -> " and h.id is null and i.imported_label is null and a.id is null";
            });
        }
        if (query.predicted() != null) {
            sql.append(" and coalesce(a.label, q.prediction ->> 'label') = :predicted");
            params.put("predicted", query.predicted());
        }
        String confidence = "coalesce(a.confidence, (q.prediction ->> 'confidence')::float8)";
        if (query.minConfidence() != null) {
            sql.append(" and ").append(confidence).append(" >= :minConfidence");
            params.put("minConfidence", query.minConfidence());
        }
        if (query.maxConfidence() != null) {
            sql.append(" and ").append(confidence).append(" <= :maxConfidence");
            params.put("maxConfidence", query.maxConfidence());
        }
        if (query.queued() != null) {
            sql.append(query.queued() ? " and q.item_id is not null" : " and q.item_id is null");
        }
        Cursor after = query.after() == null ? null : Cursor.parse(query.after(), query.sort());
        switch (query.sort()) {
            case NEWEST -> {
                if (after != null) {
                    sql.append(" and i.id < :afterId");
                }
                sql.append(" order by i.id desc");
            }
            case OLDEST -> {
                if (after != null) {
                    sql.append(" and i.id > :afterId");
                }
                sql.append(" order by i.id");
            }
            case LEAST_CONFIDENT -> {
                sql.append(" and ").append(confidence).append(" is not null");
                if (after != null) {
                    sql.append(" and (").append(confidence).append(", i.id) > (:afterValue, :afterId)");
                    params.put("afterValue", Double.parseDouble(after.value()));
                }
                sql.append(" order by ").append(confidence).append(", i.id");
            }
            case RECENTLY_LABELED -> {
                sql.append(" and h.id is not null");
                if (after != null) {
                    sql.append(" and (h.updated_at, i.id) < (:afterValue, :afterId)");
                    params.put("afterValue", Timestamp.from(Instant.parse(after.value())));
                }
                sql.append(" order by h.updated_at desc, i.id desc");
            }
        }
        if (after != null) {
            params.put("afterId", after.id());
        }
        sql.append(" limit :limit");
        params.put("limit", query.limit() + 1);
        List<Row> rows = new ArrayList<>(jdbc.sql(sql.toString()).params(params).query(ItemBrowser::row).list());
        String next = null;
        if (rows.size() > query.limit()) {
            rows.removeLast();
            next = Cursor.of(rows.getLast(), query.sort());
        }
        return new Page(rows, next);
    }

    private static Long asId(String q) {
        try {
            return Long.parseLong(q);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        String human = rs.getString("human_label");
        String imported = rs.getString("imported_label");
        String auto = rs.getString("auto_label");
        String label = human != null ? human : imported != null ? imported : auto;
        String source = human != null ? "HUMAN" : imported != null ? "IMPORTED" : auto != null ? "AUTO" : null;
        Timestamp at = rs.getTimestamp("labeled_at");
        double confidence = rs.getDouble("confidence");
        return new Row(rs.getLong("id"), rs.getString("external_id"), rs.getString("snippet"), rs.getBoolean("synthetic"),
                label, source, rs.getString("annotator"), at == null ? null : at.toInstant(), rs.getString("predicted"),
                rs.wasNull() ? null : confidence, rs.getBoolean("queued"));
    }

    /** Where a page ends: the sort value (for the sorts that have one) and the id, as text {@code value~id}. */
    private record Cursor(String value, long id) {

        static String of(Row last, BrowseQuery.Sort sort) {
            return switch (sort) {
                case NEWEST, OLDEST -> Long.toString(last.itemId());
                case LEAST_CONFIDENT -> last.confidence() + "~" + last.itemId();
                case RECENTLY_LABELED -> last.labeledAt() + "~" + last.itemId();
            };
        }

        static Cursor parse(String text, BrowseQuery.Sort sort) {
            try {
                if (sort == BrowseQuery.Sort.NEWEST || sort == BrowseQuery.Sort.OLDEST) {
                    return new Cursor(null, Long.parseLong(text));
                }
                int split = text.lastIndexOf('~');
                Cursor c = new Cursor(text.substring(0, split), Long.parseLong(text.substring(split + 1)));
                if (sort == BrowseQuery.Sort.LEAST_CONFIDENT) {
                    Double.parseDouble(c.value());
                } else {
                    Instant.parse(c.value());
                }
                return c;
            } catch (RuntimeException e) {
                throw ApiException.invalid("after", "is not a cursor this sort returned");
            }
        }
    }
}
