package io.labelloop.shared;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Vacuums the few small tables that every claim and label rewrites (the queue's entries, the
 * budget's spend counters) as soon as they hold {@code labelloop.vacuum.dead-rows} dead rows.
 * A label deletes a queue entry and a claim updates one, so at a few hundred labels a second the
 * queue's few hundred live rows sit among tens of thousands of dead ones within a minute; every
 * claim walks past them, and the database's CPU per label grew 1.5x over 24,000 labels (see
 * docs/service-benchmarks.md). PostgreSQL's autovacuum wakes up once a minute at best and may be
 * off altogether; a vacuum of such a table takes milliseconds. {@code SKIP_LOCKED}: with several
 * instances, whoever comes second skips instead of waiting.
 */
@Component
public class HotTableVacuum {

    private static final Logger log = LoggerFactory.getLogger(HotTableVacuum.class);

    private final JdbcClient jdbc;
    private final Settings settings;
    private final Set<String> tables = new CopyOnWriteArraySet<>();

    /** {@code labelloop.vacuum.dead-rows} (0 turns it off) and {@code labelloop.vacuum.interval}. */
    @ConfigurationProperties("labelloop.vacuum")
    public record Settings(@DefaultValue("2000") long deadRows, @DefaultValue("2s") Duration interval) {
    }

    public HotTableVacuum(JdbcClient jdbc, Settings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** Adds a table of the application's schema that its module rewrites on every request. */
    public void watch(String table) {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a plain table name: " + table);
        }
        tables.add(table);
    }

    @Scheduled(fixedDelayString = "${labelloop.vacuum.interval:2s}", initialDelayString = "${labelloop.vacuum.interval:2s}")
    void tick() {
        vacuumDue();
    }

    /** Vacuums the watched tables with at least the configured number of dead rows; returns those it vacuumed. */
    public List<String> vacuumDue() {
        if (settings.deadRows() <= 0 || tables.isEmpty()) {
            return List.of();
        }
        List<String> due = jdbc.sql("""
                select relname from pg_stat_user_tables
                where schemaname = current_schema() and relname = any(?) and n_dead_tup >= ?""")
                .params(tables.toArray(String[]::new), settings.deadRows())
                .query(String.class).list();
        for (String table : due) {
            try {
                // a table name from watch(), never user input; VACUUM runs outside a transaction (autocommit)
                // without truncation (the tables' vacuum_truncate, V22): no ACCESS EXCLUSIVE lock for claims to wait behind
                jdbc.sql("vacuum (skip_locked, truncate false) " + table).update();
            } catch (DataAccessException e) {
                log.warn("Vacuum of {} failed; retrying at the next check", table, e);
            }
        }
        return due;
    }
}
