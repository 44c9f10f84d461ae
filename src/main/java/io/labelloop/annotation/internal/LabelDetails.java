package io.labelloop.annotation.internal;

import io.labelloop.item.ItemDetails;
import io.labelloop.item.ItemView.LabelView;
import java.util.List;
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
}
