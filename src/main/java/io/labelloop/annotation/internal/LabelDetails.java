package io.labelloop.annotation.internal;

import io.labelloop.item.ItemDetails;
import io.labelloop.item.ItemView.ConsensusView;
import io.labelloop.item.ItemView.JudgmentView;
import io.labelloop.item.ItemView.LabelView;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Adds human and machine labels (with annotator, confidence and model version) to an item's view. */
@Component
class LabelDetails implements ItemDetails {

    private final JdbcClient jdbc;

    LabelDetails(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<LabelView> labels(long projectId, long itemId) {
        return jdbc.sql("""
                select l.label, l.source, u.username, l.updated_at from labels l left join users u on u.id = l.user_id
                where l.project_id = ? and l.item_id = ? order by l.updated_at""")
                .params(projectId, itemId)
                .query((rs, n) -> new LabelView(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant()))
                .list();
    }

    /** Each annotator's judgment; for an item labeled without overlap, its one human label. */
    @Override
    public List<JudgmentView> judgments(long projectId, long itemId) {
        return jdbc.sql("""
                select u.username, j.label, j.updated_at from judgments j left join users u on u.id = j.user_id
                where j.project_id = ? and j.item_id = ?
                union all
                select u.username, l.label, l.updated_at from labels l left join users u on u.id = l.user_id
                where l.project_id = ? and l.item_id = ? and l.source = 'HUMAN' and not l.from_judgments
                order by 3""")
                .params(projectId, itemId, projectId, itemId)
                .query((rs, n) -> new JudgmentView(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
                .list();
    }

    /** The final label of a human-labeled item; a plain human label is its own (SINGLE, confidence 1). */
    @Override
    public Optional<ConsensusView> consensus(long projectId, long itemId) {
        return jdbc.sql("""
                select l.label, case when l.from_judgments then l.confidence else 1 end,
                       case when l.reviewed_at is not null then 'REVIEWED' else coalesce(l.consensus_method, 'SINGLE') end,
                       l.reviewed_at is not null, r.username, l.reviewed_at
                from labels l left join users r on r.id = l.reviewed_by
                where l.project_id = ? and l.item_id = ? and l.source = 'HUMAN'""")
                .params(projectId, itemId)
                .query((rs, n) -> new ConsensusView(rs.getString(1), rs.getObject(2, Double.class), rs.getString(3),
                        rs.getBoolean(4), rs.getString(5),
                        rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant()))
                .optional();
    }
}
