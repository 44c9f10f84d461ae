package io.labelloop.training.internal;

import io.labelloop.shared.AdvisoryLocks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * One retrain-and-score cycle per project at a time, across every instance on the database: a
 * PostgreSQL session advisory lock, held on its own connection for the length of the cycle and
 * released with it (also when an instance dies, since its session ends).
 */
@Component
class CycleLock {

    private final DataSource dataSource;

    CycleLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The lock if free now, else null. */
    Held tryAcquire(long projectId) {
        try {
            Connection con = dataSource.getConnection();
            try (PreparedStatement ps = con.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
                ps.setInt(1, AdvisoryLocks.TRAINING_CYCLE);
                ps.setInt(2, Math.toIntExact(projectId));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return new Held(con, projectId);
                    }
                }
            }
            con.close();
            return null;
        } catch (SQLException e) {
            throw new IllegalStateException("could not take the cycle lock of project " + projectId, e);
        }
    }

    /** A held lock; closing releases it. */
    static final class Held implements AutoCloseable {
        private final Connection con;
        private final long projectId;

        Held(Connection con, long projectId) {
            this.con = con;
            this.projectId = projectId;
        }

        @Override
        public void close() {
            try (con; PreparedStatement ps = con.prepareStatement("select pg_advisory_unlock(?, ?)")) {
                ps.setInt(1, AdvisoryLocks.TRAINING_CYCLE);
                ps.setInt(2, Math.toIntExact(projectId));
                ps.execute();
            } catch (SQLException e) {
                // closing the connection ends the session, which releases the lock anyway
            }
        }
    }
}
