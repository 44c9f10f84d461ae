package io.labelloop.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database's trigger functions, triggers and views are defined in Flyway repeatable migrations
 * ({@code db/migration/R__*.sql}), one file per concern, so that their current definition is one file. A
 * database that ran the versioned migrations before (a deployed one) and a fresh one end with the same
 * definitions, and running the repeatable migrations again changes nothing.
 */
class MigrationsTest {

    private static final Path MIGRATIONS = Path.of("db", "migration");
    private static final String SCHEMA = "labelloop";
    private static final String FRESH = "migrations_fresh_" + ProcessHandle.current().pid();
    private static final String UPGRADED = "migrations_upgraded_" + ProcessHandle.current().pid();

    @TempDir
    static Path versionedOnly;

    private static TestDatabase.Target db;

    @BeforeAll
    static void migrateBothWays() throws IOException, SQLException {
        db = TestDatabase.get();
        // a database each (extensions such as pg_trgm belong to a database, not to a schema)
        dropDatabases();
        try (Connection c = connect(db.url())) {
            c.createStatement().execute("create database " + FRESH);
            c.createStatement().execute("create database " + UPGRADED);
        }
        // A database deployed before the repeatable migrations held the definitions: the versioned
        // migrations and the one repeatable migration that existed then.
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path f : files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql|R__embedding_ranges\\.sql"))
                    .toList()) {
                Files.copy(f, versionedOnly.resolve(f.getFileName()));
            }
        }
        flyway(UPGRADED, "filesystem:" + versionedOnly).migrate();
        flyway(UPGRADED, "filesystem:" + MIGRATIONS).migrate();
        flyway(FRESH, "filesystem:" + MIGRATIONS).migrate();
    }

    @AfterAll
    static void dropDatabases() throws SQLException {
        try (Connection c = connect(db.url())) {
            c.createStatement().execute("drop database if exists " + FRESH + " with (force)");
            c.createStatement().execute("drop database if exists " + UPGRADED + " with (force)");
        }
    }

    @Test
    void shouldEndWithTheSameDefinitionsInADeployedDatabaseAsInAFreshOne() throws SQLException {
        Map<String, String> fresh = definitions(FRESH);
        assertThat(fresh).containsKeys("function label_spend_add", "function queue_admit_label", "view labeled_items",
                "trigger labels_admit_human on labels");
        assertThat(definitions(UPGRADED)).isEqualTo(fresh);
    }

    @Test
    void shouldValidateAndChangeNothingWhenMigratedAgain() throws SQLException {
        Map<String, String> before = definitions(UPGRADED);
        Flyway again = flyway(UPGRADED, "filesystem:" + MIGRATIONS);
        again.validate();
        assertThat(again.migrate().migrationsExecuted).isZero();
        assertThat(definitions(UPGRADED)).isEqualTo(before);
    }

    @Test
    void shouldDefineEveryFunctionTriggerAndViewInARepeatableMigration() throws IOException, SQLException {
        StringBuilder repeatable = new StringBuilder();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("R__")).sorted().toList()) {
                repeatable.append(Files.readString(f).toLowerCase()).append('\n');
            }
        }
        List<String> missing = new ArrayList<>();
        for (String object : definitions(FRESH).keySet()) {
            String[] kindAndName = object.split(" ");
            String created = kindAndName[0].equals("view") ? "create or replace view " + kindAndName[1] + "\\s"
                    : kindAndName[0].equals("function") ? "create or replace function " + kindAndName[1] + "\\("
                    : "drop trigger if exists " + kindAndName[1] + " on " + kindAndName[3] + ";\\s+create trigger "
                            + kindAndName[1] + "\\s";
            if (!Pattern.compile(created).matcher(repeatable).find()) {
                missing.add(object);
            }
        }
        assertThat(missing).as("defined outside db/migration/R__*.sql").isEmpty();
    }

    private static Flyway flyway(String database, String location) {
        return Flyway.configure()
                .dataSource(url(database), db.username(), db.password())
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .createSchemas(true)
                .locations(location)
                .load();
    }

    /** Each function, trigger and view of the database's schema by kind and name. */
    private static Map<String, String> definitions(String database) throws SQLException {
        String schema = SCHEMA;
        Map<String, String> out = new TreeMap<>();
        try (Connection c = connect(url(database))) {
            c.createStatement().execute("set search_path to " + schema);
            query(c, out, schema, """
                    select 'function ' || p.proname, pg_get_functiondef(p.oid)
                    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                    where n.nspname = ?
                      and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')""");
            query(c, out, schema, """
                    select 'view ' || c.relname, pg_get_viewdef(c.oid)
                    from pg_class c join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname = ? and c.relkind in ('v', 'm')""");
            query(c, out, schema, """
                    select 'trigger ' || t.tgname || ' on ' || c.relname, pg_get_triggerdef(t.oid)
                    from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname = ? and not t.tgisinternal""");
        }
        return out;
    }

    private static void query(Connection c, Map<String, String> out, String schema, String sql) throws SQLException {
        try (var st = c.prepareStatement(sql)) {
            st.setString(1, schema);
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2).replace(schema, "<schema>"));
                }
            }
        }
    }

    private static String url(String database) {
        return TestDatabase.replaceDatabase(db.url(), database);
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, db.username(), db.password());
    }
}
