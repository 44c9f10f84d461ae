package io.labelloop.annotation;

import io.labelloop.annotation.LabelSubmission.Outcome;
import io.labelloop.project.Project;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Gold items (issue 18): items with a known label, marked by a lead, that claims mix into each annotator's
 * items at the project's {@code goldRate} ({@link #serve}); an annotator's answer on one is kept apart
 * from the labels ({@link #answer}): no budget, no label, only the annotator's gold accuracy. Migration V17.
 */
@Service
public class GoldItems {

    private final JdbcClient jdbc;

    GoldItems(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Marks items as gold with their known label: the imported label, else a reviewed final label. Items with
     * neither are left out. Returns how many are gold now among those asked for.
     */
    public int mark(long projectId, Collection<Long> itemIds) {
        jdbc.sql("""
                insert into gold_items (item_id, project_id, label)
                select i.id, i.project_id, coalesce(i.imported_label, l.label) from items i
                left join labels l on l.item_id = i.id and l.source = 'HUMAN' and l.reviewed_at is not null
                where i.project_id = ? and i.id = any(?) and coalesce(i.imported_label, l.label) is not null
                on conflict (item_id) do update set label = excluded.label""")
                .params(projectId, itemIds.toArray(Long[]::new)).update();
        return jdbc.sql("select count(*) from gold_items where project_id = ? and item_id = any(?)")
                .params(projectId, itemIds.toArray(Long[]::new)).query(Integer.class).single();
    }

    /** Up to n gold items this annotator has not been handed yet, recorded as handed out. */
    public List<Long> serve(long projectId, long userId, int n) {
        if (n <= 0) {
            return List.of();
        }
        return jdbc.sql("""
                insert into gold_answers (item_id, user_id, project_id)
                select g.item_id, ?, g.project_id from gold_items g
                where g.project_id = ?
                  and not exists (select 1 from gold_answers a where a.item_id = g.item_id and a.user_id = ?)
                order by random()
                limit ?
                on conflict (item_id, user_id) do nothing
                returning item_id""")
                .params(userId, projectId, userId, n).query(Long.class).list();
    }

    /**
     * The annotator's answer on a gold item, when the item is one: kept with whether it is right; null when
     * the item is not gold (the caller stores a label as usual).
     */
    Outcome answer(Project project, long itemId, long userId, String label) {
        Optional<String> previous = jdbc.sql("""
                select coalesce(a.label, '') from gold_items g
                left join gold_answers a on a.item_id = g.item_id and a.user_id = ?
                where g.item_id = ? and g.project_id = ?""")
                .params(userId, itemId, project.id()).query(String.class).optional();
        if (previous.isEmpty()) {
            return null;
        }
        if (previous.get().equals(label)) {
            return Outcome.UNCHANGED;
        }
        jdbc.sql("""
                insert into gold_answers (item_id, user_id, project_id, label, correct, answered_at)
                select g.item_id, ?, g.project_id, ?, g.label = ?, now() from gold_items g where g.item_id = ?
                on conflict (item_id, user_id) do update
                set label = excluded.label, correct = excluded.correct, answered_at = excluded.answered_at""")
                .params(userId, label, label, itemId).update();
        return previous.get().isEmpty() ? Outcome.CREATED : Outcome.REPLACED;
    }

    /** Gold answers per annotator: username, answered, right. */
    public List<Accuracy> accuracy(long projectId) {
        return jdbc.sql("""
                select coalesce(u.username, '#' || a.user_id), count(*), count(*) filter (where a.correct)
                from gold_answers a left join users u on u.id = a.user_id
                where a.project_id = ? and a.label is not null group by 1 order by 1""")
                .param(projectId).query((rs, n) -> new Accuracy(rs.getString(1), rs.getLong(2), rs.getLong(3))).list();
    }

    public record Accuracy(String username, long answered, long right) {
    }
}
