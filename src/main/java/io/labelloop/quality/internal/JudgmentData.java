package io.labelloop.quality.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A project's judgments as the statistics need them: per item the (annotator, class) pairs, with
 * annotators and classes as indexes. The judgments table of projects with overlap, and the plain
 * human labels of items labeled without it (each its item's one judgment).
 */
@Component
public class JudgmentData {

    private final JdbcClient jdbc;

    JudgmentData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Everything read for one project; {@code finals} holds each item's stored final label (class index). */
    public record Snapshot(List<String> classes, List<String> annotators, List<Long> itemIds, List<List<int[]>> byItem,
            Map<Long, Integer> finals, Map<Long, Boolean> reviewed, Map<Long, Boolean> derived, Map<Long, Double> confidences,
            int judgments) {

        /** Per item the class indexes of its judgments. */
        public List<int[]> units() {
            return byItem.stream().map(js -> js.stream().mapToInt(j -> j[1]).toArray()).toList();
        }
    }

    public Snapshot load(long projectId, List<String> classes) {
        Map<String, Integer> classIndex = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            classIndex.put(classes.get(i), i);
        }
        Map<String, Integer> annotatorIndex = new LinkedHashMap<>();
        Map<Long, List<int[]>> items = new LinkedHashMap<>();
        int[] count = {0};
        jdbc.sql("""
                select j.item_id, coalesce(u.username, '#' || j.user_id), j.label
                from judgments j left join users u on u.id = j.user_id where j.project_id = ?
                union all
                select l.item_id, coalesce(u.username, '#' || l.user_id), l.label
                from labels l left join users u on u.id = l.user_id
                where l.project_id = ? and l.source = 'HUMAN' and not l.from_judgments
                order by 1, 2""")
                .params(projectId, projectId)
                .query(rs -> {
                    Integer c = classIndex.get(rs.getString(3));
                    if (c == null) {
                        return;
                    }
                    int a = annotatorIndex.computeIfAbsent(rs.getString(2), k -> annotatorIndex.size());
                    items.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new int[] {a, c});
                    count[0]++;
                });
        Map<Long, Integer> finals = new HashMap<>();
        Map<Long, Boolean> reviewed = new HashMap<>();
        Map<Long, Boolean> derived = new HashMap<>();
        Map<Long, Double> confidences = new HashMap<>();
        jdbc.sql("""
                select item_id, label, reviewed_at is not null, from_judgments, confidence
                from labels where project_id = ? and source = 'HUMAN'""")
                .param(projectId)
                .query(rs -> {
                    Integer c = classIndex.get(rs.getString(2));
                    if (c != null) {
                        finals.put(rs.getLong(1), c);
                        reviewed.put(rs.getLong(1), rs.getBoolean(3));
                        derived.put(rs.getLong(1), rs.getBoolean(4));
                        double confidence = rs.getDouble(5);
                        confidences.put(rs.getLong(1), rs.wasNull() || !rs.getBoolean(4) ? 1.0 : confidence);
                    }
                });
        return new Snapshot(List.copyOf(classes), List.copyOf(annotatorIndex.keySet()), List.copyOf(items.keySet()),
                List.copyOf(items.values()), finals, reviewed, derived, confidences, count[0]);
    }

    /** A pause longer than this between two judgments of an annotator is a break, not time spent on the later one. */
    public static final int MAX_SECONDS_PER_JUDGMENT = 600;

    /**
     * Each annotator's median seconds per judgment: the time since their previous judgment (or plain label) in the
     * project, pauses over {@link #MAX_SECONDS_PER_JUDGMENT} left out.
     */
    public Map<String, Double> medianSeconds(long projectId) {
        Map<String, Double> out = new HashMap<>();
        jdbc.sql("""
                with t as (
                    select j.user_id, j.created_at from judgments j where j.project_id = ?
                    union all
                    select l.user_id, l.created_at from labels l
                    where l.project_id = ? and l.source = 'HUMAN' and not l.from_judgments and l.user_id is not null),
                g as (
                    select user_id, extract(epoch from created_at - lag(created_at) over (partition by user_id order by created_at)) as s
                    from t)
                select coalesce(u.username, '#' || g.user_id), percentile_cont(0.5) within group (order by g.s)
                from g left join users u on u.id = g.user_id
                where g.s > 0 and g.s <= ? group by g.user_id, u.username""")
                .params(projectId, projectId, MAX_SECONDS_PER_JUDGMENT)
                .query(rs -> {
                    out.put(rs.getString(1), rs.getDouble(2));
                });
        return out;
    }
}
