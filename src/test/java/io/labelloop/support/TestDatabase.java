package io.labelloop.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The real PostgreSQL the tests run against: a Testcontainers container where a Docker engine
 * answers, otherwise a fresh database created for this test run on the server named by
 * {@code LABELLOOP_TEST_DB_URL} (default {@code jdbc:postgresql://localhost:5432/postgres}, user
 * {@code LABELLOOP_TEST_DB_USER}, default {@code postgres}), dropped when the JVM exits.
 */
public final class TestDatabase {

    private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);
    private static Target target;

    private TestDatabase() {
    }

    /** Where the database is; {@code url} already selects the application's schema. */
    public record Target(String url, String username, String password) {
    }

    public static synchronized Target get() {
        if (target == null) {
            target = dockerAvailable() ? container() : localDatabase();
        }
        return target;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM exits
    private static Target container() {
        var pg = new PostgreSQLContainer("postgres:16-alpine");
        pg.start();
        log.info("Tests use a PostgreSQL container at {}", pg.getJdbcUrl());
        return new Target(withSchema(pg.getJdbcUrl()), pg.getUsername(), pg.getPassword());
    }

    private static Target localDatabase() {
        String base = env("LABELLOOP_TEST_DB_URL", "jdbc:postgresql://localhost:5432/postgres");
        String user = env("LABELLOOP_TEST_DB_USER", "postgres");
        String password = env("LABELLOOP_TEST_DB_PASSWORD", "");
        String name = "labelloop_test_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis();
        try (Connection c = DriverManager.getConnection(base, user, password); Statement st = c.createStatement()) {
            st.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("No Docker engine and no PostgreSQL at " + base
                    + " (set LABELLOOP_TEST_DB_URL / _USER / _PASSWORD): " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(base, user, password, name)));
        log.info("No Docker engine: tests use database {} on {}", name, base);
        return new Target(withSchema(replaceDatabase(base, name)), user, password);
    }

    private static void drop(String base, String user, String password, String name) {
        try (Connection c = DriverManager.getConnection(base, user, password); Statement st = c.createStatement()) {
            st.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            System.err.println("Could not drop test database " + name + ": " + e.getMessage());
        }
    }

    public static String replaceDatabase(String url, String database) {
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        int query = url.indexOf('?');
        String tail = query < 0 ? "" : url.substring(query);
        return url.substring(0, slash + 1) + database + tail;
    }

    private static String withSchema(String url) {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=labelloop";
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
