package io.labelloop.quality;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The latest model's out-of-fold label of each labeled item it checked (from label-error detection), which
 * {@link ConsensusService} may count as one more voter in Dawid-Skene. Each model replaces the project's votes.
 */
@Service
class ModelVotes {

    private final JdbcTemplate jdbc;

    ModelVotes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    void replace(long projectId, int modelVersion, List<ConsensusService.ModelVote> votes) {
        jdbc.update("delete from model_votes where project_id = ?", projectId);
        jdbc.batchUpdate("""
                insert into model_votes (item_id, project_id, model_version, label)
                select i.id, i.project_id, ?, ? from items i where i.project_id = ? and i.id = ?
                on conflict (item_id) do nothing""", votes, 1000, (ps, v) -> {
                    ps.setInt(1, modelVersion);
                    ps.setString(2, v.label());
                    ps.setLong(3, projectId);
                    ps.setLong(4, v.itemId());
                });
    }

    Map<Long, String> of(long projectId) {
        Map<Long, String> out = new HashMap<>();
        jdbc.query("select item_id, label from model_votes where project_id = ?",
                rs -> {
                    out.put(rs.getLong(1), rs.getString(2));
                }, projectId);
        return out;
    }
}
