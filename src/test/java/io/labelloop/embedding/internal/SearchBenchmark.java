package io.labelloop.embedding.internal;

import io.labelloop.embedding.EmbeddingSettings;
import io.labelloop.embedding.Int8Vector;
import io.labelloop.embedding.SentenceEncoder;
import io.labelloop.item.ItemCounts;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.util.unit.DataSize;

/**
 * Query time of exact search over N stored vectors (random unit vectors, seed 7) and the table's size per
 * item, in a scratch database that it drops afterwards. Usage: {@code SearchBenchmark N QUERIES CACHE}
 * (CACHE as {@code 256MB}; a project larger than half of it is scanned from the database for each query). With a
 * fourth argument, a CSV with a {@code text} column, each timed near-duplicate batch is preceded by the encoding of 64 of
 * its texts, so that the two are compared under the same load.
 */
public final class SearchBenchmark {

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int queries = Integer.parseInt(args[1]);
        DataSize cache = DataSize.parse(args[2]);
        String server = System.getenv().getOrDefault("LABELLOOP_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String db = System.getenv().getOrDefault("BENCH_DB", "labelloop_search_bench");
        try (Connection admin = DriverManager.getConnection(server, "postgres", "")) {
            admin.createStatement().execute("drop database if exists " + db);
            admin.createStatement().execute("create database " + db);
        }
        String url = server.substring(0, server.lastIndexOf('/') + 1) + db + "?reWriteBatchedInserts=true";
        SingleConnectionDataSource ds = new SingleConnectionDataSource(url, "postgres", "", true);
        try {
            Random random = new Random(7);
            Connection c = ds.getConnection();
            c.createStatement().execute("""
                    create table item_embeddings (item_id bigint primary key, project_id bigint not null,
                      vector bytea not null, scale real not null);
                    create index item_embeddings_project on item_embeddings (project_id, item_id)""");
            long start = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement("insert into item_embeddings values (?, 1, ?, ?)")) {
                for (int i = 1; i <= n; i++) {
                    Int8Vector v = Int8Vector.of(unit(random));
                    ps.setLong(1, i);
                    ps.setBytes(2, v.bytes());
                    ps.setFloat(3, v.scale());
                    ps.addBatch();
                    if (i % 2000 == 0 || i == n) {
                        ps.executeBatch();
                    }
                }
            }
            c.createStatement().execute("""
                    create table item_counts (project_id bigint, stripe integer, items bigint, imported bigint,
                      synthetic bigint, invalid bigint, vectors bigint, embeddings bigint);
                    insert into item_counts values (1, 0, %d, 0, 0, 0, %d, %d)""".formatted(n, n, n));
            c.createStatement().execute("vacuum analyze item_embeddings");
            try (var rs = c.createStatement().executeQuery("select pg_total_relation_size('item_embeddings'), "
                    + "pg_relation_size('item_embeddings')")) {
                rs.next();
                System.out.printf("%d vectors stored in %.1f s; %.0f bytes/item with indexes (%.0f heap)%n", n,
                        (System.nanoTime() - start) / 1e9, rs.getLong(1) / (double) n, rs.getLong(2) / (double) n);
            }
            EmbeddingSettings settings = new EmbeddingSettings(false, 1, 64, Duration.ofSeconds(2), 0.5,
                    Duration.ofSeconds(5), cache, 0.95);
            ProjectVectors vectors = new ProjectVectors(JdbcClient.create(ds), settings, new ItemCounts(JdbcClient.create(ds)));
            c.setAutoCommit(false); // as in EmbeddingSearch: a scan from the database streams its rows
            long first = System.nanoTime();
            vectors.nearest(1, Int8Vector.of(unit(random)), 20, -1);
            c.commit();
            System.out.printf("first query (loads the project if it fits): %.0f ms%n", (System.nanoTime() - first) / 1e6);
            double[] ms = new double[queries];
            for (int q = 0; q < queries; q++) {
                long t = System.nanoTime();
                vectors.nearest(1, Int8Vector.of(unit(random)), 20, -1);
                c.commit();
                ms[q] = (System.nanoTime() - t) / 1e6;
            }
            Arrays.sort(ms);
            System.out.printf("N=%d cache=%s: median %.1f ms, p90 %.1f ms, max %.1f ms over %d queries%n", n, cache,
                    ms[queries / 2], ms[(int) (queries * 0.9)], ms[queries - 1], queries);
            nearDuplicateCandidates(ds, random, Math.max(queries, 10), args.length > 3 ? texts(args[3]) : List.of());
        } finally {
            ds.destroy();
            try (Connection admin = DriverManager.getConnection(server, "postgres", "")) {
                admin.createStatement().execute("drop database if exists " + db);
            }
        }
    }

    /**
     * What near-duplicate detection adds to each batch of the embedding job: the sketch candidates of 64 new vectors
     * among the N stored ones (the first call reads and sketches the project; the exact check of the few candidates
     * is one indexed read, not timed here).
     */
    private static void nearDuplicateCandidates(SingleConnectionDataSource ds, Random random, int batches, List<String> texts)
            throws Exception {
        SketchIndex index = new SketchIndex(JdbcClient.create(ds), new ItemCounts(JdbcClient.create(ds)));
        int maxHamming = SketchIndex.maxHamming(0.95);
        double[] ms = new double[batches];
        double[] encodeMs = new double[batches];
        SentenceEncoder encoder = texts.isEmpty() ? null : new SentenceEncoder(1);
        for (int b = -1; b < batches; b++) {
            if (encoder != null) {
                int from = (Math.max(b, 0) * 64) % Math.max(1, texts.size() - 64);
                long e = System.nanoTime();
                encoder.encode(texts.subList(from, from + 64));
                if (b >= 0) {
                    encodeMs[b] = (System.nanoTime() - e) / 1e6;
                }
            }
            long[] queries = new long[128];
            for (int q = 0; q < 64; q++) {
                long[] s = SketchIndex.sketch(Int8Vector.of(unit(random)).bytes());
                queries[2 * q] = s[0];
                queries[2 * q + 1] = s[1];
            }
            long t = System.nanoTime();
            index.candidates(1, queries, 4, maxHamming);
            ds.getConnection().commit();
            double took = (System.nanoTime() - t) / 1e6;
            if (b < 0) {
                System.out.printf("near-duplicates: first batch (reads and sketches the project) %.0f ms%n", took);
            } else {
                ms[b] = took;
            }
        }
        double share = 0;
        for (int b = 0; b < batches; b++) {
            share += encoder == null ? 0 : ms[b] / encodeMs[b] / batches;
        }
        Arrays.sort(ms);
        System.out.printf("near-duplicates: candidates of a batch of 64 among %s: median %.1f ms, p90 %.1f ms over %d batches%n",
                "the project", ms[batches / 2], ms[(int) (batches * 0.9)], batches);
        if (encoder != null) {
            encoder.close();
            Arrays.sort(encodeMs);
            System.out.printf("encoding the batch's 64 texts just before: median %.1f ms; candidates / encoding, mean of the"
                    + " batches' ratios: %.3f%n", encodeMs[batches / 2], share);
        }
    }

    private static List<String> texts(String csv) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        try (var reader = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of(csv));
                var parser = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                        .parse(reader)) {
            for (var row : parser) {
                out.add(row.get("text"));
                if (out.size() == 2000) {
                    break;
                }
            }
        }
        return out;
    }

    private static float[] unit(Random random) {
        float[] v = new float[SentenceEncoder.DIMENSIONS];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }
}
