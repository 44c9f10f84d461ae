package io.labelloop.item;

import io.labelloop.item.internal.VectorBackfill;
import io.labelloop.learning.ItemEncoder;
import io.labelloop.learning.TaskType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Items as the learning core reads them: each encoded once (hashed term counts, numeric values or
 * grey pixels) and kept in {@code item_vectors}, so that scoring never tokenises and streams packed
 * bytes straight from PostgreSQL. This class is the read side; {@link VectorBackfill} writes the vectors.
 */
@Service
public class ItemVectors {

    private static final int SCAN_CHUNK = 20_000;

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;
    private final VectorBackfill backfill;
    private final ItemCounts counts;

    ItemVectors(JdbcTemplate jdbcTemplate, JdbcClient jdbc, VectorBackfill backfill, ItemCounts counts) {
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = jdbc;
        this.backfill = backfill;
        this.counts = counts;
    }

    /** Receives one streamed item. */
    @FunctionalInterface
    public interface VectorSink {
        void accept(long itemId, byte[] encoded);
    }

    /**
     * Encodes every item of the project that has no vector yet; returns how many were encoded
     * ({@link VectorBackfill}: COPY on a connection of its own).
     */
    public long encodeMissing(long projectId, TaskType taskType) {
        return backfill.encodeMissing(projectId, taskType);
    }

    /**
     * Encodes every item of the project that has no vector yet, as {@link #encodeMissing} does, and returns how many
     * vectors the project has then (what {@link #count} would answer): a cycle learns its pool's size from the kept
     * counts this reads anyway.
     */
    public long encodeMissingAndCount(long projectId, TaskType taskType) {
        return backfill.backfill(projectId, taskType).vectors();
    }

    /**
     * Streams the vectors of every item of the project except the given (labeled) ones, never
     * holding the pool in memory: item id ranges {@link #SCAN_CHUNK} wide, filtered here,
     * which is several times cheaper than an anti-join in the database. Each range is a statement
     * of its own, outside any transaction: a cursor held one snapshot for the whole 1-3 s that a
     * cycle scores, and while a snapshot is open the database can neither vacuum nor skip the rows
     * that claims and labels leave dead at the front of the queue, so every claim walked past
     * seconds' worth of them.
     */
    public void forEachExcept(long projectId, java.util.Set<Long> excluded, VectorSink sink) {
        forEachExcept(projectId, excluded, false, sink);
    }

    /**
     * The same; with {@code embeddings} each TEXT item's vector carries its sentence embedding when it has one
     * ({@link ItemEncoder#withEmbedding}), for models over embeddings.
     */
    public void forEachExcept(long projectId, java.util.Set<Long> excluded, boolean embeddings, VectorSink sink) {
        long[] ids = jdbc.sql("select coalesce(min(item_id), 0), coalesce(max(item_id), -1) from item_vectors where project_id = ?")
                .param(projectId).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
        // id ranges, not "after the last id, limit n": with the bound as a parameter the planner
        // scanned and sorted the whole table for every chunk; a range is an index range scan. Each
        // range is handed on in id order (sorted here: in the database the sort spilled to disk), so
        // the same pool gives the same scores, cold-start sample and queue whatever the row layout.
        for (long from = ids[0]; from <= ids[1]; from += SCAN_CHUNK) {
            List<LabeledVector> chunk = new ArrayList<>();
            jdbcTemplate.query("select v.item_id, v.encoded" + embeddingColumns(embeddings) + " from item_vectors v"
                            + embeddingJoin(embeddings) + " where v.project_id = ? and v.item_id >= ? and v.item_id < ?",
                    (java.sql.ResultSet rs) -> {
                        long id = rs.getLong(1);
                        if (!excluded.contains(id)) {
                            chunk.add(new LabeledVector(id, null, encoded(rs, 2, embeddings)));
                        }
                    }, projectId, from, from + SCAN_CHUNK);
            chunk.sort(java.util.Comparator.comparingLong(LabeledVector::itemId));
            chunk.forEach(v -> sink.accept(v.itemId(), v.encoded()));
        }
    }

    /**
     * The SQL of an item's candidate slot ({@link io.labelloop.learning.CandidateWindow}): a hash of its id, so
     * the slots are a uniform random partition of the pool; migration V21 indexes it with the project id.
     */
    private static final String SLOT = "(hashint8(v.item_id) & " + (io.labelloop.learning.CandidateWindow.SLOTS - 1) + ")";

    /**
     * Streams the vectors of the items in the given candidate slots except the given (labeled) ones, as
     * {@link #forEachExcept(long, java.util.Set, boolean, VectorSink)} streams the whole pool: through the slot
     * index, a group of slots of about {@link #SCAN_CHUNK} items per statement, each outside any transaction and
     * handed on in item id order. Reads only the window's rows, so its cost follows the window, not the pool.
     */
    public void forEachInSlots(long projectId, java.util.Set<Long> excluded, boolean embeddings, int[] slots,
            long poolSize, VectorSink sink) {
        int perGroup = (int) Math.max(1, Math.min(slots.length,
                (long) SCAN_CHUNK * io.labelloop.learning.CandidateWindow.SLOTS / Math.max(1, poolSize)));
        for (int from = 0; from < slots.length; from += perGroup) {
            Integer[] group = java.util.Arrays.stream(slots, from, Math.min(slots.length, from + perGroup)).boxed()
                    .toArray(Integer[]::new);
            List<LabeledVector> chunk = new ArrayList<>();
            jdbcTemplate.query("select v.item_id, v.encoded" + embeddingColumns(embeddings) + " from item_vectors v"
                            + embeddingJoin(embeddings) + " where v.project_id = ? and " + SLOT + " = any(?)",
                    ps -> {
                        ps.setLong(1, projectId);
                        ps.setArray(2, ps.getConnection().createArrayOf("integer", group));
                    },
                    (java.sql.ResultSet rs) -> {
                        long id = rs.getLong(1);
                        if (!excluded.contains(id)) {
                            chunk.add(new LabeledVector(id, null, encoded(rs, 2, embeddings)));
                        }
                    });
            chunk.sort(java.util.Comparator.comparingLong(LabeledVector::itemId));
            chunk.forEach(v -> sink.accept(v.itemId(), v.encoded()));
        }
    }

    /** Encoded items of the project (what a cycle scores at most), from the kept counts ({@link ItemCounts}). */
    @Transactional(readOnly = true)
    public long count(long projectId) {
        return counts.kept(projectId).vectors();
    }

    /**
     * About {@code size} items drawn uniformly by a hash of their id, selected in the database so
     * that only the sample crosses the wire. Deterministic: the same items every time.
     */
    @Transactional(readOnly = true)
    public List<LabeledVector> sample(long projectId, int size) {
        return sample(projectId, size, false);
    }

    /** The same, with sentence embeddings as {@link #forEachExcept(long, java.util.Set, boolean, VectorSink)}. */
    @Transactional(readOnly = true)
    public List<LabeledVector> sample(long projectId, int size, boolean embeddings) {
        return sample(projectId, size, embeddings, count(projectId));
    }

    /** The same, for a caller that knows the project's number of vectors ({@link #count}; it sizes the draw). */
    @Transactional(readOnly = true)
    public List<LabeledVector> sample(long projectId, int size, boolean embeddings, long total) {
        if (total == 0) {
            return List.of();
        }
        int slots = io.labelloop.learning.CandidateWindow.SLOTS;
        int buckets = (int) Math.min(slots, Math.max(1, Math.ceil((double) slots * size / total)));
        return jdbc.sql("select v.item_id, v.encoded" + embeddingColumns(embeddings) + " from item_vectors v"
                        + embeddingJoin(embeddings) + " where v.project_id = ? and " + SLOT + " < ?")
                .params(projectId, buckets)
                .query((rs, n) -> new LabeledVector(rs.getLong(1), null, encoded(rs, 2, embeddings)))
                .list();
    }

    /** Vectors of the given items (those that have one). */
    @Transactional(readOnly = true)
    public Map<Long, byte[]> of(long projectId, Collection<Long> itemIds) {
        return of(projectId, itemIds, false);
    }

    /**
     * The same, with sentence embeddings as {@link #forEachExcept(long, java.util.Set, boolean, VectorSink)}. The ids
     * are joined as a list ({@code unnest}), so each is looked up by the primary key: written as
     * {@code item_id = any(?)}, a thousand ids on a table without planner statistics (a large upload before any
     * ANALYZE) are planned as a scan of the whole project with the ids as a filter (a second for a cycle's stop check
     * at 5,000,000 items).
     */
    @Transactional(readOnly = true)
    public Map<Long, byte[]> of(long projectId, Collection<Long> itemIds, boolean embeddings) {
        Map<Long, byte[]> out = new HashMap<>();
        if (itemIds.isEmpty()) {
            return out;
        }
        jdbcTemplate.query("select v.item_id, v.encoded" + embeddingColumns(embeddings)
                + " from unnest(?::bigint[]) as wanted (id) join item_vectors v on v.project_id = ? and v.item_id = wanted.id"
                + embeddingJoin(embeddings), ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("bigint", itemIds.toArray()));
            ps.setLong(2, projectId);
        }, rs -> {
            out.put(rs.getLong(1), encoded(rs, 2, embeddings));
        });
        return out;
    }

    /** Items that came with an imported label, with their vectors. */
    @Transactional(readOnly = true)
    public List<LabeledVector> imported(long projectId) {
        return imported(projectId, false);
    }

    /** The same, with sentence embeddings as {@link #forEachExcept(long, java.util.Set, boolean, VectorSink)}. */
    @Transactional(readOnly = true)
    public List<LabeledVector> imported(long projectId, boolean embeddings) {
        return jdbc.sql("select i.id, i.imported_label, v.encoded" + embeddingColumns(embeddings) + " from items i"
                        + " join item_vectors v on v.project_id = i.project_id and v.item_id = i.id"
                        + embeddingJoin(embeddings) + " where i.project_id = ? and i.imported_label is not null")
                .param(projectId)
                .query((rs, n) -> new LabeledVector(rs.getLong(1), rs.getString(2), encoded(rs, 3, embeddings)))
                .list();
    }

    /*
     * Sentence embeddings are written by the embedding module's job into item_embeddings (V12); they are joined
     * here, where the vectors are read, so a scan stays one statement per chunk.
     */
    private static String embeddingColumns(boolean embeddings) {
        return embeddings ? ", e.vector, e.scale" : "";
    }

    private static String embeddingJoin(boolean embeddings) {
        return embeddings ? " left join item_embeddings e on e.item_id = v.item_id" : "";
    }

    /** The vector at {@code column}, with the embedding of the two columns after it when asked for and present. */
    private static byte[] encoded(ResultSet rs, int column, boolean embeddings) throws SQLException {
        byte[] encoded = rs.getBytes(column);
        if (!embeddings) {
            return encoded;
        }
        byte[] vector = rs.getBytes(column + 1);
        return vector == null ? encoded : ItemEncoder.withEmbedding(encoded, vector, rs.getFloat(column + 2));
    }

    /** The vector of one stored item, encoded and stored now if it has none yet. */
    @Transactional
    public byte[] ensure(long projectId, long itemId, TaskType taskType) {
        byte[] stored = of(projectId, List.of(itemId)).get(itemId);
        return stored != null ? stored : backfill.encodeOne(projectId, itemId, taskType);
    }

    /** Encodes one item the way stored items are encoded (for predictions on items that are not stored). */
    public static byte[] encode(TaskType taskType, String text, float[] features, byte[] image) {
        return switch (taskType) {
            case TEXT -> ItemEncoder.encodeText(text == null ? "" : text);
            case TABULAR -> ItemEncoder.encodeNumeric(features);
            case IMAGE -> image != null ? ItemEncoder.encodeImage(image) : ItemEncoder.encodePixels(features);
        };
    }

    public record LabeledVector(long itemId, String label, byte[] encoded) {
    }
}
