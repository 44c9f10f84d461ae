package io.labelloop.quality;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The items the latest model suspects are mislabeled (label-error detection, issue 18), as the review queue's
 * {@code SUSPECTED_ERROR} entries. Each model replaces the project's list; only human labels not reviewed are kept
 * (imported labels are not reviewable, a reviewer's word is final); a review clears the item's entry.
 */
@Service
public class SuspectedErrors {

    private final JdbcTemplate jdbc;

    SuspectedErrors(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One suspected error: the item, the label it has, the label the model suggests, the score (1 - p[label]). */
    public record Suspect(long itemId, String label, String suggestedLabel, double score) {
    }

    /** Replaces the project's suspected errors by the model version's; returns how many were kept. */
    @Transactional
    public int replace(long projectId, int modelVersion, List<Suspect> suspects) {
        jdbc.update("delete from suspected_errors where project_id = ?", projectId);
        int kept = 0;
        for (int[] n : jdbc.batchUpdate("""
                insert into suspected_errors (item_id, project_id, model_version, label, suggested_label, score)
                select l.item_id, l.project_id, ?, l.label, ?, ? from labels l
                where l.project_id = ? and l.item_id = ? and l.source = 'HUMAN' and l.label = ? and l.reviewed_at is null
                on conflict (item_id) do nothing""", suspects, 500, (ps, s) -> {
                    ps.setInt(1, modelVersion);
                    ps.setString(2, s.suggestedLabel());
                    ps.setDouble(3, s.score());
                    ps.setLong(4, projectId);
                    ps.setLong(5, s.itemId());
                    ps.setString(6, s.label());
                })) {
            for (int k : n) {
                kept += Math.max(k, 0);
            }
        }
        return kept;
    }

    /** The project's suspected errors whose item still has the flagged label and no review, highest score first. */
    List<Suspect> open(long projectId) {
        return jdbc.query("""
                select s.item_id, s.label, s.suggested_label, s.score from suspected_errors s
                join labels l on l.item_id = s.item_id and l.source = 'HUMAN'
                where s.project_id = ? and l.label = s.label and l.reviewed_at is null
                order by s.score desc, s.item_id""",
                (rs, n) -> new Suspect(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getDouble(4)), projectId);
    }

    void clear(long projectId, long itemId) {
        jdbc.update("delete from suspected_errors where project_id = ? and item_id = ?", projectId, itemId);
    }
}
