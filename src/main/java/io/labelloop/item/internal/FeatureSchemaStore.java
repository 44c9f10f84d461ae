package io.labelloop.item.internal;

import io.labelloop.shared.AdvisoryLocks;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A project's feature names in storage order, and the lock that serialises the writers that may
 * grow them (bulk uploads and single stream items). Calls join the caller's transaction.
 */
@Component
public class FeatureSchemaStore {

    private final JdbcTemplate jdbc;

    FeatureSchemaStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<String> load(long projectId) {
        return jdbc.execute((ConnectionCallback<List<String>>) con -> load(con, projectId));
    }

    /**
     * The names read on the given connection: for code that reads them while it holds a connection
     * already (mapping a result set's rows), which must not wait for a second one from the pool.
     */
    public static List<String> load(Connection con, long projectId) throws SQLException {
        try (var ps = con.prepareStatement("select feature_names from item_feature_schemas where project_id = ?")) {
            ps.setLong(1, projectId);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? List.of((String[]) rs.getArray(1).getArray()) : List.of();
            }
        }
    }

    /** Stores the names; a concurrent writer's longer list is never replaced by a shorter one. */
    void save(long projectId, List<String> names) {
        jdbc.update(con -> {
            var ps = con.prepareStatement("""
                    insert into item_feature_schemas (project_id, feature_names) values (?, ?)
                    on conflict (project_id) do update set feature_names = excluded.feature_names
                    where cardinality(item_feature_schemas.feature_names) < cardinality(excluded.feature_names)""");
            ps.setLong(1, projectId);
            ps.setArray(2, con.createArrayOf("text", names.toArray()));
            return ps;
        });
    }

    /** Serialises writers of the project's items until the surrounding transaction ends. */
    void lockUploads(long projectId) {
        jdbc.query("select pg_advisory_xact_lock(?, ?)", rs -> null, AdvisoryLocks.UPLOAD, Math.toIntExact(projectId));
    }
}
