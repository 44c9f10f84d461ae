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
 * read every row before it). Each part of a page is walked in the page's order on an index; the figures at
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
        // a page is small: workers and JIT compilation cost more than they save (JIT: 1.2 s of 1.6 s in one plan)
        jdbc.sql("set local max_parallel_workers_per_gather = 0; set local jit = off").update();
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
        if (query.label() != null) {
            params.put("label", query.label());
        }
        if (query.queued() != null) {
            where.add((query.queued() ? "" : "not ") + "exists (select 1 from queue_entries q where q.item_id = i.id)");
        }
        if (query.flagged() != null) {
            where.add((query.flagged() ? "" : "not ") + "exists (select 1 from item_flags f where f.item_id = i.id and f.resolved_at is null)");
        }
        boolean leastConfident = query.sort() == BrowseQuery.Sort.LEAST_CONFIDENT;
        boolean predictions = query.predicted() != null || query.minConfidence() != null || query.maxConfidence() != null || leastConfident;
        if (query.predicted() != null) {
            params.put("predicted", query.predicted());
        }
        if (query.minConfidence() != null) {
            params.put("minConfidence", query.minConfidence());
        }
        if (query.maxConfidence() != null) {
            params.put("maxConfidence", query.maxConfidence());
        }
        List<Branch> branches;
        boolean recent = query.sort() == BrowseQuery.Sort.RECENTLY_LABELED; // human-labeled items, by the label's time
        if (exact) { // offset 0 keeps the lookup by its index apart from the page's ordered walk
            branches = List.of(new Branch("(select id as item_id from items where project_id = :project and external_id = :q"
                    + (asId(query.q()) != null ? " union all select id from items where project_id = :project and id = :qid" : "")
                    + " offset 0) c join items i on i.id = c.item_id", recent ? List.of(HUMAN.formatted("")) : List.of(), "i.id",
                    recent ? "(select h.updated_at from labels h where h.item_id = i.id and h.source = 'HUMAN')" : "i.id").onItem(query));
        } else if (recent) {
            branches = List.of(new Branch("labels l join items i on i.id = l.item_id",
                    List.of("l.project_id = :project", "l.source = 'HUMAN'"), "i.id", "l.updated_at").onItem(query));
        } else if (predictions) {
            branches = List.of(
                    Branch.prediction("labels c join items i on i.id = c.item_id", List.of("c.project_id = :project", "c.source = 'AUTO'"),
                            "c.label", "c.confidence", query),
                    Branch.prediction("queue_entries c join items i on i.id = c.item_id", List.of("c.project_id = :project",
                                    "c.prediction is not null", "not " + AUTO.formatted("").replace("i.id", "c.item_id")),
                            QUEUE_LABEL, QUEUE_CONFIDENCE, query));
            branches = branches.stream().map(b -> b.withLabelAndSource(query)).toList();
        } else if (query.label() != null) {
            branches = labelBranches(query.source());
        } else if ("HUMAN".equals(query.source()) || "AUTO".equals(query.source())) {
            branches = List.of(new Branch("labels c join items i on i.id = c.item_id",
                    List.of("c.project_id = :project", "c.source = '" + query.source() + "'"), "i.id", "i.id").withLabelAndSource(query));
        } else if (Boolean.TRUE.equals(query.flagged())) {
            branches = List.of(new Branch("(select distinct item_id from item_flags where project_id = :project and resolved_at is null) c"
                    + " join items i on i.id = c.item_id", List.of(), "i.id", "i.id").withLabelAndSource(query));
        } else if (Boolean.TRUE.equals(query.queued())) {
            branches = List.of(new Branch("queue_entries c join items i on i.id = c.item_id", List.of("c.project_id = :project"),
                    "i.id", "i.id").withLabelAndSource(query));
        } else {
            branches = List.of(new Branch("items i", List.of(), "i.id", "i.id").withLabelAndSource(query));
        }
        Cursor after = query.after() == null ? null : Cursor.parse(query.after(), query.sort());
        if (after != null) {
            params.put("afterId", after.id());
            switch (query.sort()) {
                case LEAST_CONFIDENT -> params.put("afterValue", Double.parseDouble(after.value()));
                case RECENTLY_LABELED -> params.put("afterValue", Timestamp.from(Instant.parse(after.value())));
                default -> { }
            }
        }
        params.put("limit", query.limit() + 1);
        List<String> selects = new ArrayList<>();
        for (Branch b : branches) {
            List<String> conditions = new ArrayList<>(where);
            conditions.addAll(b.where());
            if (after != null) {
                // on the item too, so that a merge join with items starts at the cursor (the planner does not carry < across a join)
                String onItem = b.idCol().equals("i.id") ? "" : " and i.id %s :afterId";
                conditions.add(switch (query.sort()) {
                    case NEWEST -> b.idCol() + " < :afterId" + onItem.formatted("<");
                    case OLDEST -> b.idCol() + " > :afterId" + onItem.formatted(">");
                    case LEAST_CONFIDENT -> "(" + b.key() + ", " + b.idCol() + ") > (:afterValue, :afterId)";
                    case RECENTLY_LABELED -> "(" + b.key() + ", " + b.idCol() + ") < (:afterValue, :afterId)";
                });
            }
            String order = switch (query.sort()) {
                case NEWEST -> b.idCol() + " desc";
                case OLDEST -> b.idCol();
                case LEAST_CONFIDENT -> b.key() + ", " + b.idCol();
                case RECENTLY_LABELED -> b.key() + " desc, " + b.idCol() + " desc";
            };
            selects.add("select " + b.idCol() + " as id, " + b.key() + " as k from " + b.from() + " where "
                    + String.join(" and ", conditions) + " order by " + order + " limit :limit");
        }
        // several parts: each walks its own index in the page's order and stops after a page; the page takes the first of them
        String page = selects.size() == 1 ? selects.getFirst()
                : selects.isEmpty() ? "select null::bigint as id, null::float8 as k where false"
                : "select id, k from (" + String.join(" union all ", selects.stream().map(s -> "(" + s + ")").toList())
                        + ") u order by " + pageOrder(query.sort(), "") + " limit :limit";
        return new Statement("with page as (" + page + ")\n" + DETAILS.formatted(pageOrder(query.sort(), "p.")), params);
    }

    /** The order of a page's rows by their sort value {@code k} and {@code id}. */
    private static String pageOrder(BrowseQuery.Sort sort, String table) {
        return switch (sort) {
            case NEWEST -> table + "id desc";
            case OLDEST -> table + "id";
            case LEAST_CONFIDENT -> table + "k, " + table + "id";
            case RECENTLY_LABELED -> table + "k desc, " + table + "id desc";
        };
    }

    /** The prediction of a queue entry, as in the queue's confidence index (V23). */
    private static final String QUEUE_LABEL = "c.prediction ->> 'label'";
    private static final String QUEUE_CONFIDENCE = "((c.prediction ->> 'confidence')::float8)";

    /**
     * The items whose final label is {@code :label}, as disjoint parts by the label's source (only the
     * part of the asked-for source): human labels of the class, machine labels of the class on items with
     * neither a human nor an imported label, and imported labels of the class on items without a human
     * label. Each part walks its index ({@code labels_by_label_source}, {@code items_imported_label}) in
     * item order.
     */
    private static List<Branch> labelBranches(String source) {
        String labels = "labels c join items i on i.id = c.item_id";
        String noHuman = "not exists (select 1 from labels h where h.item_id = %s and h.source = 'HUMAN')";
        List<Branch> branches = new ArrayList<>();
        if (source == null || source.equals("HUMAN")) {
            branches.add(new Branch(labels, List.of("c.project_id = :project", "c.label = :label", "c.source = 'HUMAN'"),
                    "c.item_id", "c.item_id"));
        }
        if (source == null || source.equals("AUTO")) {
            branches.add(new Branch(labels, List.of("c.project_id = :project", "c.label = :label", "c.source = 'AUTO'",
                    "i.imported_label is null", noHuman.formatted("c.item_id")), "c.item_id", "c.item_id"));
        }
        if (source == null || source.equals("IMPORTED")) {
            branches.add(new Branch("items i", List.of("i.imported_label = :label", noHuman.formatted("i.id")), "i.id", "i.id"));
        }
        return branches; // source NONE: no item has a final label and none
    }

    /**
     * One part of a page's driving set: the rows of {@code from} (which names the item {@code i}) that meet
     * {@code where}, walked in the page's order of ({@code key}, {@code idCol}).
     */
    private record Branch(String from, List<String> where, String idCol, String key) {

        /** The stored predictions of a part ({@code label}, {@code confidence}) filtered as asked, ordered by confidence for least confident first. */
        static Branch prediction(String from, List<String> where, String label, String confidence, BrowseQuery query) {
            return new Branch(from, withPredictionFilters(where, label, confidence, query), "c.item_id",
                    query.sort() == BrowseQuery.Sort.LEAST_CONFIDENT ? confidence : "c.item_id");
        }

        /** {@code where} and the prediction filters on the given label and confidence (only items with a confidence for least confident first). */
        private static List<String> withPredictionFilters(List<String> where, String label, String confidence, BrowseQuery query) {
            List<String> conditions = new ArrayList<>(where);
            if (query.predicted() != null) {
                conditions.add(label + " = :predicted");
            }
            if (query.minConfidence() != null) {
                conditions.add(confidence + " >= :minConfidence");
            }
            if (query.maxConfidence() != null) {
                conditions.add(confidence + " <= :maxConfidence");
            }
            if (query.sort() == BrowseQuery.Sort.LEAST_CONFIDENT) {
                conditions.add(confidence + " is not null");
            }
            return conditions;
        }

        /** This part with the label and source filters as conditions on the item. */
        Branch withLabelAndSource(BrowseQuery query) {
            List<String> conditions = new ArrayList<>(where);
            String notHuman = "not " + HUMAN.formatted("");
            if (query.label() != null) {
                conditions.add("(" + HUMAN.formatted(" and h.label = :label") + " or (" + notHuman + " and (i.imported_label = :label"
                        + " or (i.imported_label is null and " + AUTO.formatted(" and a.label = :label") + "))))");
            }
            if (query.source() != null) {
                conditions.add(switch (query.source()) {
                    case "HUMAN" -> HUMAN.formatted("");
                    case "IMPORTED" -> notHuman + " and i.imported_label is not null";
                    case "AUTO" -> notHuman + " and i.imported_label is null and " + AUTO.formatted("");
                    default -> notHuman + " and i.imported_label is null and not " + AUTO.formatted("");
                });
            }
            return new Branch(from, conditions, idCol, key);
        }

        /** This part with every filter as a condition on the item, the stored predictions read per item. */
        Branch onItem(BrowseQuery query) {
            return new Branch(from, withPredictionFilters(withLabelAndSource(query).where(), PREDICTED, CONFIDENCE, query), idCol,
                    query.sort() == BrowseQuery.Sort.LEAST_CONFIDENT ? CONFIDENCE : key);
        }
    }

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
