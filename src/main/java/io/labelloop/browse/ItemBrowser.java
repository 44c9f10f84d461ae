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
            String annotator, Instant labeledAt, String predicted, Double confidence, boolean queued, int flags) {
    }

    /** A page and the cursor of the next one (null on the last page). */
    public record Page(List<Row> items, String next) {
    }

    /**
     * The details of a page's rows, joined only for the rows of the page ({@code page}: item ids with
     * their sort value {@code k}), so that the filters decide alone how much is read.
     */
    private static final String DETAILS = """
            select i.id, i.external_id, left(i.text, 240) as snippet, i.synthetic,
                   h.label as human_label, u.username as annotator, h.updated_at as labeled_at,
                   i.imported_label, a.label as auto_label,
                   q.item_id is not null as queued,
                   coalesce(a.label, q.prediction ->> 'label') as predicted,
                   coalesce(a.confidence, (q.prediction ->> 'confidence')::float8) as confidence,
                   (select count(*) from item_flags f where f.item_id = i.id and f.resolved_at is null) as flags
            from page p
            join items i on i.id = p.id
            left join labels h on h.item_id = i.id and h.source = 'HUMAN'
            left join users u on u.id = h.user_id
            left join labels a on a.item_id = i.id and a.source = 'AUTO'
            left join queue_entries q on q.item_id = i.id
            order by %s
            """;

    private static final String HUMAN = "exists (select 1 from labels h where h.item_id = i.id and h.source = 'HUMAN'%s)";
    private static final String AUTO = "exists (select 1 from labels a where a.item_id = i.id and a.source = 'AUTO'%s)";
    /** The model's stored prediction of an item: its machine label, else its queue entry's. */
    private static final String PREDICTED = "coalesce((select a.label from labels a where a.item_id = i.id and a.source = 'AUTO'),"
            + " (select q.prediction ->> 'label' from queue_entries q where q.item_id = i.id))";
    private static final String CONFIDENCE = "coalesce((select a.confidence from labels a where a.item_id = i.id and a.source = 'AUTO'),"
            + " (select (q.prediction ->> 'confidence')::float8 from queue_entries q where q.item_id = i.id))";

    @Transactional(readOnly = true)
    public Page page(long projectId, BrowseQuery query) {
        jdbc.sql("set local max_parallel_workers_per_gather = 0").update(); // a page is small: workers cost more than they save
        Statement statement = statement(projectId, query, isExact(projectId, query.q()));
        List<Row> rows = new ArrayList<>(jdbc.sql(statement.sql()).params(statement.params()).query(ItemBrowser::row).list());
        String next = null;
        if (rows.size() > query.limit()) {
            rows.removeLast();
            next = Cursor.of(rows.getLast(), query.sort());
        }
        return new Page(rows, next);
    }

    /** The SQL of a page and its named parameters (the benchmark explains it as it runs). */
    record Statement(String sql, Map<String, Object> params) {
    }

    static Statement statement(long projectId, BrowseQuery query) {
        return statement(projectId, query, false);
    }

    /**
     * The page's SQL. The rows are drawn from the smallest set that can hold them (the driving set: the
     * exact item asked for, human labels, stored predictions, the labels of one class, the queue, or all
     * items), walked in the page's order; every filter is also a condition on the item, so the choice
     * changes the speed, not the answer. {@code exact}: the search text is an id or externalId the
     * project has.
     */
    static Statement statement(long projectId, BrowseQuery query, boolean exact) {
        Map<String, Object> params = new TreeMap<>();
        params.put("project", projectId);
        List<String> where = new ArrayList<>(List.of("i.project_id = :project"));
        if (query.q() != null) {
            Long id = asId(query.q());
            where.add(exact ? "(i.external_id = :q" + (id != null ? " or i.id = :qid)" : ")") : "i.text ilike :like");
            params.put("like", "%" + query.q().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            params.put("q", query.q());
            if (id != null) {
                params.put("qid", id);
            }
        }
        String notHuman = "not " + HUMAN.formatted("");
        String labelCondition = null;
        if (query.label() != null) {
            labelCondition = "(" + HUMAN.formatted(" and h.label = :label") + " or (" + notHuman + " and (i.imported_label = :label"
                    + " or (i.imported_label is null and " + AUTO.formatted(" and a.label = :label") + "))))";
            where.add(labelCondition);
            params.put("label", query.label());
        }
        if (query.source() != null) {
            where.add(switch (query.source()) {
                case "HUMAN" -> HUMAN.formatted("");
                case "IMPORTED" -> notHuman + " and i.imported_label is not null";
                case "AUTO" -> notHuman + " and i.imported_label is null and " + AUTO.formatted("");
                default -> notHuman + " and i.imported_label is null and not " + AUTO.formatted("");
            });
        }
        if (query.queued() != null) {
            where.add((query.queued() ? "" : "not ") + "exists (select 1 from queue_entries q where q.item_id = i.id)");
        }
        if (query.flagged() != null) {
            where.add((query.flagged() ? "" : "not ") + "exists (select 1 from item_flags f where f.item_id = i.id and f.resolved_at is null)");
        }
        boolean predictions = query.predicted() != null || query.minConfidence() != null || query.maxConfidence() != null
                || query.sort() == BrowseQuery.Sort.LEAST_CONFIDENT;
        String from;
        String key = "i.id";
        String idCol = "i.id"; // the driving set's own item id where it has one, so that its index order serves the page
        if (exact) { // offset 0 keeps the lookup by its index apart from the page's ordered walk
            from = "(select id as item_id from items where project_id = :project and external_id = :q"
                    + (asId(query.q()) != null ? " union all select id from items where project_id = :project and id = :qid" : "")
                    + " offset 0) c join items i on i.id = c.item_id";
        } else if (query.sort() == BrowseQuery.Sort.RECENTLY_LABELED) {
            from = "labels l join items i on i.id = l.item_id";
            where.add("l.project_id = :project and l.source = 'HUMAN'");
            key = "l.updated_at";
        } else if (predictions) {
            from = PREDICTIONS + " join items i on i.id = c.item_id";
            idCol = "c.item_id";
            key = query.sort() == BrowseQuery.Sort.LEAST_CONFIDENT ? "c.confidence" : idCol;
        } else if (query.label() != null) {
            // each item once: its human label, else its imported one, else its machine label; both parts in item order
            // sorted apart (offset 0: a fence) so that the page walks it in order and stops after a page
            from = """
                    (select item_id from (select l.item_id from labels l where l.project_id = :project and l.label = :label
                       and (l.source = 'HUMAN' or (l.source = 'AUTO'
                            and not exists (select 1 from labels h where h.item_id = l.item_id and h.source = 'HUMAN')
                            and not exists (select 1 from items m where m.id = l.item_id and m.imported_label is not null)))
                     union all
                     select m.id from items m where m.project_id = :project and m.imported_label = :label
                       and not exists (select 1 from labels h where h.item_id = m.id and h.source = 'HUMAN')) u
                     order by item_id %s offset 0) c
                    join items i on i.id = c.item_id""".formatted(query.sort() == BrowseQuery.Sort.OLDEST ? "" : "desc");
            idCol = "c.item_id";
            key = idCol;
            where.remove(labelCondition); // the driving set holds exactly the items whose final label it is
        } else if ("HUMAN".equals(query.source()) || "AUTO".equals(query.source())) {
            from = "labels c join items i on i.id = c.item_id";
            where.add("c.project_id = :project and c.source = '" + query.source() + "'");
        } else if (Boolean.TRUE.equals(query.flagged())) {
            from = "(select distinct item_id from item_flags where project_id = :project and resolved_at is null) c"
                    + " join items i on i.id = c.item_id";
        } else if (Boolean.TRUE.equals(query.queued())) {
            from = "queue_entries c join items i on i.id = c.item_id";
            where.add("c.project_id = :project");
        } else {
            from = "items i";
        }
        if (predictions) {
            String stored = query.sort() == BrowseQuery.Sort.RECENTLY_LABELED || exact ? null : "c";
            if (query.predicted() != null) {
                where.add((stored == null ? PREDICTED : "c.label") + " = :predicted");
                params.put("predicted", query.predicted());
            }
            if (query.minConfidence() != null) {
                where.add((stored == null ? CONFIDENCE : "c.confidence") + " >= :minConfidence");
                params.put("minConfidence", query.minConfidence());
            }
            if (query.maxConfidence() != null) {
                where.add((stored == null ? CONFIDENCE : "c.confidence") + " <= :maxConfidence");
                params.put("maxConfidence", query.maxConfidence());
            }
            if (query.sort() == BrowseQuery.Sort.LEAST_CONFIDENT && stored == null) {
                key = CONFIDENCE;
                where.add(CONFIDENCE + " is not null");
            }
        }
        Cursor after = query.after() == null ? null : Cursor.parse(query.after(), query.sort());
        if (after != null) {
            params.put("afterId", after.id());
            switch (query.sort()) {
                case NEWEST -> where.add(key + " < :afterId");
                case OLDEST -> where.add(key + " > :afterId");
                case LEAST_CONFIDENT -> {
                    where.add("(" + key + ", " + idCol + ") > (:afterValue, :afterId)");
                    params.put("afterValue", Double.parseDouble(after.value()));
                }
                case RECENTLY_LABELED -> {
                    where.add("(" + key + ", i.id) < (:afterValue, :afterId)");
                    params.put("afterValue", Timestamp.from(Instant.parse(after.value())));
                }
            }
        }
        String[] order = switch (query.sort()) {
            case NEWEST -> new String[] {key + " desc", "p.id desc"};
            case OLDEST -> new String[] {key, "p.id"};
            case LEAST_CONFIDENT -> new String[] {key + ", " + idCol, "p.k, p.id"};
            case RECENTLY_LABELED -> new String[] {key + " desc, i.id desc", "p.k desc, p.id desc"};
        };
        params.put("limit", query.limit() + 1);
        String page = "select " + idCol + " as id, " + key + " as k from " + from + " where " + String.join(" and ", where)
                + " order by " + order[0] + " limit :limit";
        return new Statement("with page as (" + page + ")\n" + DETAILS.formatted(order[1]), params);
    }

    /** Every stored prediction of a project: its machine labels, and the queue's predictions of items without one. */
    private static final String PREDICTIONS = """
            (select item_id, label, confidence from labels where project_id = :project and source = 'AUTO'
             union all
             select q.item_id, q.prediction ->> 'label', (q.prediction ->> 'confidence')::float8 from queue_entries q
             where q.project_id = :project and q.prediction is not null
               and not exists (select 1 from labels a where a.item_id = q.item_id and a.source = 'AUTO')) c""";

    /** Whether a search text is an id or externalId of one of the project's items (then that item is the answer). */
    boolean isExact(long projectId, String q) {
        if (q == null) {
            return false;
        }
        Long id = asId(q);
        return jdbc.sql("select exists (select 1 from items where project_id = :project and external_id = :q)"
                        + (id != null ? " or exists (select 1 from items where project_id = :project and id = :qid)" : ""))
                .param("project", projectId).param("q", q).param("qid", id == null ? 0L : id)
                .query(Boolean.class).single();
    }

    private static String and(List<String> conditions) {
        return conditions.stream().map(c -> " and " + c).reduce("", String::concat);
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
                rs.wasNull() ? null : confidence, rs.getBoolean("queued"), rs.getInt("flags"));
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
