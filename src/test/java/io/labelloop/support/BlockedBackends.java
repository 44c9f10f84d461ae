package io.labelloop.support;

import java.sql.Connection;
import java.sql.ResultSet;

/** Finds the database session of a writer the test holds up with a table lock, to end it as a crash would. */
public final class BlockedBackends {

    private BlockedBackends() {
    }

    /** The pid of a session waiting for a lock in a statement naming {@code table}; waits up to 5 minutes (the first encode or cycle on a loaded machine can take minutes). */
    public static int waitForOneWriting(Connection c, String table) throws Exception {
        for (int i = 0; i < 6000; i++) {
            // Inside a transaction pg_stat_activity is read once and kept: read it afresh on every look.
            c.createStatement().execute("select pg_stat_clear_snapshot()");
            try (ResultSet rs = c.createStatement().executeQuery("""
                    select pid from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'
                    and pid <> pg_backend_pid() and query ilike '%""" + table + "%'")) {
                if (rs.next()) {
                    return rs.getInt(1);
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no session ever waited to write " + table);
    }
}
