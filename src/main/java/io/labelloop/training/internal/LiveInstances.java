package io.labelloop.training.internal;

import io.labelloop.shared.AdvisoryLocks;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Which instances sharing the database are alive: each holds a PostgreSQL session advisory lock on its
 * own random id, on a connection it keeps for as long as it runs. The database drops the lock when the
 * session ends, as it does when the instance dies, so another instance can tell a dead owner (no lock)
 * from a live one by looking at {@code pg_locks}, without clocks or heartbeats.
 */
@Component
public class LiveInstances implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveInstances.class);

    private final DataSource dataSource;
    private final int id = 1 + new SecureRandom().nextInt(Integer.MAX_VALUE - 1);
    private Connection held;

    LiveInstances(DataSource dataSource) {
        this.dataSource = dataSource;
        ensureHeld();
    }

    /** This instance's id, as stored with the training runs it owns. */
    public int id() {
        return id;
    }

    /**
     * Takes the lock again if its connection was lost (a restarted database or a dropped connection), so that
     * this instance's runs count as live again; called before every sweep.
     */
    synchronized void ensureHeld() {
        try {
            if (held != null && held.isValid(5)) {
                return;
            }
            closeQuietly();
            Connection con = dataSource.getConnection();
            try (PreparedStatement ps = con.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
                ps.setInt(1, AdvisoryLocks.INSTANCE);
                ps.setInt(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        con.close();
                        throw new IllegalStateException("instance id " + id + " is taken by another instance");
                    }
                }
            }
            held = con;
        } catch (SQLException e) {
            throw new IllegalStateException("could not register this instance in the database", e);
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        if (held == null) {
            return;
        }
        // the pool keeps the session open, so the lock is released before the connection goes back
        try (Connection con = held; PreparedStatement ps = con.prepareStatement("select pg_advisory_unlock(?, ?)")) {
            ps.setInt(1, AdvisoryLocks.INSTANCE);
            ps.setInt(2, id);
            ps.execute();
        } catch (SQLException e) {
            log.debug("releasing the instance lock failed; a broken session holds no lock", e);
        }
        held = null;
    }
}
