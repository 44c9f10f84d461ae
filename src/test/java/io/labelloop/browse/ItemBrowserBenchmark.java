package io.labelloop.browse;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The item browser's page queries on a project of N items (default 1,000,000), loaded by COPY into a
 * throwaway database migrated by Flyway as the service would: 1% imported labels, 5% human labels by
 * 20 annotators, 20% machine labels, 500 queue entries with predictions, 12 items with a rare word,
 * 334 open flags.
 * Prints each query's median of 5 runs (after one warm-up), and of the next page by the cursor it
 * returned, and writes EXPLAIN (ANALYZE, BUFFERS) of each to the given file. Usage: ItemBrowserBenchmark jdbcUrl [items] [explainFile]
 * (bench/item-browser.sh creates and drops the database).
 */
public final class ItemBrowserBenchmark {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        String explainFile = args.length > 2 ? args[2] : "target/item-browser-explain.txt";
        Flyway.configure().dataSource(url, "postgres", "").locations("filesystem:db/migration")
                .schemas("labelloop").defaultSchema("labelloop").createSchemas(true).load().migrate();
        try (Connection c = DriverManager.getConnection(url + (url.contains("?") ? "&" : "?") + "currentSchema=labelloop", "postgres", "")) {
            long project = Boolean.getBoolean("reuse") ? existing(c) : load(c, n); // -Dreuse=true: the project a previous run left
            JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(c, true));
            c.setAutoCommit(false); // as in the service: each page in a read-only transaction
            c.setReadOnly(true);
            ItemBrowser browser = new ItemBrowser(jdbc);
            long middle = jdbc.sql("select min(id) + (max(id) - min(id)) / 2 from items where project_id = ?").param(project)
                    .query(Long.class).single();
            String external = "x" + (n / 3);
            Map<String, BrowseQuery> cases = new LinkedHashMap<>();
            cases.put("newest", q(null, null, null, null, null, null, null, null));
            cases.put("newest, page from the middle (keyset)", q(null, null, null, null, null, null, null, Long.toString(middle)));
            cases.put("oldest, page from the middle (keyset)", sorted(BrowseQuery.Sort.OLDEST, null, null, Long.toString(middle)));
            cases.put("text: rare word (12 items)", q("needle", null, null, null, null, null, null, null));
            cases.put("text: common word", q("topic", null, null, null, null, null, null, null));
            cases.put("externalId", q(external, null, null, null, null, null, null, null));
            cases.put("id", q(Long.toString(middle), null, null, null, null, null, null, null));
            cases.put("label c3 (a fifth of the labeled items)", q(null, "c3", null, null, null, null, null, null));
            cases.put("label c3, page from the middle", q(null, "c3", null, null, null, null, null, Long.toString(middle)));
            cases.put("label c3, oldest first", sorted(BrowseQuery.Sort.OLDEST, "c3", null, null));
            cases.put("label c3, source AUTO", q(null, "c3", "AUTO", null, null, null, null, null));
            cases.put("label c3, least confident first", sorted(BrowseQuery.Sort.LEAST_CONFIDENT, "c3", null, null));
            cases.put("label in 100 items", q(null, "rare", null, null, null, null, null, null));
            cases.put("source HUMAN", q(null, null, "HUMAN", null, null, null, null, null));
            cases.put("source IMPORTED", q(null, null, "IMPORTED", null, null, null, null, null));
            cases.put("source AUTO", q(null, null, "AUTO", null, null, null, null, null));
            cases.put("source NONE", q(null, null, "NONE", null, null, null, null, null));
            cases.put("predicted c1", q(null, null, null, "c1", null, null, null, null));
            cases.put("predicted c1, confidence 0.5-0.6", q(null, null, null, "c1", 0.5, 0.6, null, null));
            cases.put("confidence 0.9-1.0", q(null, null, null, null, 0.9, 1.0, null, null));
            cases.put("queued", q(null, null, null, null, null, null, true, null));
            cases.put("flagged", new BrowseQuery(null, null, null, null, null, null, null, true, BrowseQuery.Sort.NEWEST, null, 50));
            cases.put("least confident first", sorted(BrowseQuery.Sort.LEAST_CONFIDENT, null, null, null));
            cases.put("least confident, page from the middle", sorted(BrowseQuery.Sort.LEAST_CONFIDENT, null, null, "0.75~" + middle));
            cases.put("least confident, predicted c1", sorted(BrowseQuery.Sort.LEAST_CONFIDENT, null, "c1", null));
            cases.put("recently labeled first", sorted(BrowseQuery.Sort.RECENTLY_LABELED, null, null, null));
            StringBuilder explains = new StringBuilder();
            System.out.printf("%-46s %9s %9s %6s%n", "query (" + n + " items, 50 a page)", "median ms", "max ms", "rows");
            for (var e : cases.entrySet()) {
                ItemBrowser.Page first = browser.page(project, e.getValue());
                c.commit();
                measure(c, browser, project, e.getKey(), e.getValue(), jdbc, explains);
                if (first.next() != null) { // the next page, by the cursor the first one returned
                    BrowseQuery q = e.getValue();
                    measure(c, browser, project, "  its next page", new BrowseQuery(q.q(), q.label(), q.source(), q.predicted(),
                            q.minConfidence(), q.maxConfidence(), q.queued(), q.flagged(), q.sort(), first.next(), q.limit()), jdbc, explains);
                }
            }
            java.nio.file.Files.writeString(java.nio.file.Path.of(explainFile), explains);
            System.out.println("plans: " + explainFile);
        }
    }

    /** Times a query (median and max of 5 after a warm-up) and explains it. */
    private static void measure(Connection c, ItemBrowser browser, long project, String name, BrowseQuery query, JdbcClient jdbc,
            StringBuilder explains) throws Exception {
        browser.page(project, query);
        c.commit();
        double[] ms = new double[5];
        int rows = 0;
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            rows = browser.page(project, query).items().size();
            c.commit();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("%-46s %9.1f %9.1f %6d%n", name, ms[2], ms[4], rows);
        ItemBrowser.Statement s = ItemBrowser.statement(project, query, browser.isExact(project, query.q()));
        explains.append("== ").append(name).append(" (after ").append(query.after()).append(")\n");
        jdbc.sql("set local max_parallel_workers_per_gather = 0; set local jit = off").update(); // as ItemBrowser.page
        jdbc.sql("explain (analyze, buffers) " + s.sql()).params(s.params())
                .query((rs, i) -> rs.getString(1)).list().forEach(line -> explains.append(line).append('\n'));
        c.commit();
    }

    private static BrowseQuery sorted(BrowseQuery.Sort sort, String label, String predicted, String after) {
        return new BrowseQuery(null, label, null, predicted, null, null, null, sort, after, 50);
    }

    private static BrowseQuery q(String text, String label, String source, String predicted, Double min, Double max,
            Boolean queued, String after) {
        return new BrowseQuery(text, label, source, predicted, min, max, queued, BrowseQuery.Sort.NEWEST, after, 50);
    }

    private static long existing(Connection c) throws Exception {
        try (var st = c.createStatement(); var rs = st.executeQuery("select id from projects where name = 'browse-bench'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A project of n items by COPY, with labels of every source and a few queue entries; returns its id. */
    private static long load(Connection c, int n) throws Exception {
        Random random = new Random(42);
        var copy = c.unwrap(PGConnection.class).getCopyAPI();
        try (var st = c.createStatement()) {
            st.execute("insert into users (username, password_hash, role) select 'bench' || g, 'x', 'ANNOTATOR' from generate_series(1, 20) g");
            var rs = st.executeQuery("insert into projects (name, task_type, labels, strategy, batch_size, retrain_every, holdout_fraction)"
                    + " values ('browse-bench', 'TEXT', '{c0,c1,c2,c3,c4,rare}', 'MARGIN', 50, 20, 0.1) returning id");
            rs.next();
            long project = rs.getLong(1);
            long t = System.nanoTime();
            StringBuilder rows = new StringBuilder();
            String[] words = {"topic", "alpha", "budget", "weather", "river", "market", "engine", "garden", "signal", "harbor"};
            for (int i = 0; i < n; i++) {
                String imported = i % 100 == 1 ? "c" + random.nextInt(5) : "\\N";
                String text = "item " + i + " about " + words[random.nextInt(words.length)] + " and " + words[random.nextInt(words.length)]
                        + (i % (n / 12) == 5 ? " with a needle" : "");
                rows.append(project).append('\t').append('x').append(i).append('\t').append(text).append('\t').append(imported).append('\n');
                if (rows.length() > 8_000_000 || i == n - 1) {
                    copy.copyIn("copy items (project_id, external_id, text, imported_label) from stdin", new StringReader(rows.toString()));
                    rows.setLength(0);
                }
            }
            System.out.printf("COPY of %d items: %.1f s%n", n, (System.nanoTime() - t) / 1e9);
            st.execute("create temporary table bench_ids as select id, row_number() over (order by id) - 1 as i from items where project_id = " + project);
            st.execute("insert into labels (project_id, item_id, user_id, label, source, updated_at) select " + project
                    + ", id, (select min(id) from users) + (i % 20), case when i % 10000 = 3 then 'rare' else 'c' || (i % 5) end, 'HUMAN',"
                    + " now() - (i || ' seconds')::interval from bench_ids where i % 20 = 3");
            st.execute("insert into labels (project_id, item_id, label, source, confidence, model_version) select " + project
                    + ", id, 'c' || ((i / 5) % 5), 'AUTO', 0.5 + (hashint8(i) & 1023) / 2048.0, 7 from bench_ids where i % 5 = 2");
            st.execute("insert into queue_entries (item_id, project_id, rank, score, reason, model_version, prediction) select id, " + project
                    + ", row_number() over (), 0.5, 'STRATEGY', 7, json_build_object('label', 'c' || (i % 5), 'confidence', 0.4 + (i % 50) / 100.0)::jsonb"
                    + " from bench_ids where i % 2000 = 7");
            st.execute("insert into item_flags (project_id, item_id, kind, note) select " + project + ", id, 'UNSURE', 'bench'"
                    + " from bench_ids where i % 3000 = 11");
            if (Boolean.getBoolean("trigramIndex")) { // the opt-in text search index (V28's comment)
                long t0 = System.nanoTime();
                st.execute("create index items_text_trgm on items using gin (text extensions.gin_trgm_ops)");
                System.out.printf("trigram index built in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            }
            st.execute("analyze");
            return project;
        }
    }

    private ItemBrowserBenchmark() {
    }
}
