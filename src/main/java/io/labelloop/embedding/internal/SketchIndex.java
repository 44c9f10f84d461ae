package io.labelloop.embedding.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.labelloop.embedding.Int8Vector;
import io.labelloop.embedding.SentenceEncoder;
import io.labelloop.item.ItemCounts;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A 128-bit sign sketch of every embedded item of a project, kept in memory (16 bytes and an id an item, 24 MB at
 * 1,000,000 items), to find near-duplicate candidates without comparing full vectors: each bit is the sign of a
 * sparse random projection of the int8 vector (48 dimensions with random signs), so two vectors at angle θ
 * differ in about 128·θ/π bits. A batch of queries is compared with every sketch by XOR and popcount in one
 * pass; the few nearest by Hamming distance are then checked exactly by the caller.
 *
 * <p>The sketches of a project are read from {@code item_embeddings} the first time, then kept up to date with
 * the batches this instance embeds ({@link #add}) and, when the database has more vectors than the copy (another
 * instance embeds too), with the vectors above the highest id held, or all again, at most once a minute.
 */
@Component
public class SketchIndex {

    static final int BITS = 128;
    private static final int PER_BIT = 48;
    private static final int DIM = SentenceEncoder.DIMENSIONS;
    private static final long RECHECK_NANOS = 5_000_000_000L;
    private static final long RELOAD_NANOS = 60_000_000_000L;

    private static final int[][] DIMS = new int[BITS][PER_BIT];
    private static final int[][] SIGNS = new int[BITS][PER_BIT];

    static {
        Random r = new Random(0x5EED_D0B1EL);
        for (int b = 0; b < BITS; b++) {
            for (int t = 0; t < PER_BIT; t++) {
                DIMS[b][t] = r.nextInt(DIM);
                SIGNS[b][t] = r.nextBoolean() ? 1 : -1;
            }
        }
    }

    private final JdbcClient jdbc;
    private final ItemCounts counts;
    private final Cache<Long, Sketches> kept = Caffeine.newBuilder().maximumSize(64).build();

    SketchIndex(JdbcClient jdbc, ItemCounts counts) {
        this.counts = counts;
        this.jdbc = jdbc;
    }

    /** The sketch of a vector: two longs. */
    public static long[] sketch(byte[] v) {
        long[] out = new long[2];
        for (int b = 0; b < BITS; b++) {
            int s = 0;
            int[] d = DIMS[b];
            int[] g = SIGNS[b];
            for (int t = 0; t < PER_BIT; t++) {
                s += g[t] * v[d[t]];
            }
            if (s > 0) {
                out[b >> 6] |= 1L << (b & 63);
            }
        }
        return out;
    }

    /** The largest Hamming distance worth checking for cosine {@code similarity}: mean plus four deviations. */
    public static int maxHamming(double similarity) {
        double p = Math.acos(Math.clamp(similarity, -1, 1)) / Math.PI;
        return (int) Math.ceil(BITS * p + 4 * Math.sqrt(BITS * p * (1 - p))) + 2;
    }

    /**
     * For each query sketch ({@code queries[2q], queries[2q+1]}), the ids of at most {@code k} items of the project
     * nearest by Hamming distance within {@code maxHamming} (unordered; shorter arrays when fewer qualify).
     */
    public long[][] candidates(long projectId, long[] queries, int k, int maxHamming) {
        Sketches s = fresh(projectId);
        int n = queries.length / 2;
        long[][] ids = new long[n][k];
        int[][] dist = new int[n][k];
        int[] count = new int[n];
        int[] worst = new int[n];
        Arrays.fill(worst, maxHamming);
        synchronized (s) {
            long[] bits = s.bits;
            for (int j = 0; j < s.size; j++) {
                long a = bits[2 * j];
                long b = bits[2 * j + 1];
                for (int q = 0; q < n; q++) {
                    int h = Long.bitCount(a ^ queries[2 * q]) + Long.bitCount(b ^ queries[2 * q + 1]);
                    if (h <= worst[q]) {
                        offer(ids[q], dist[q], count, worst, q, k, s.ids[j], h, maxHamming);
                    }
                }
            }
        }
        long[][] out = new long[n][];
        for (int q = 0; q < n; q++) {
            out[q] = Arrays.copyOf(ids[q], count[q]);
        }
        return out;
    }

    private static void offer(long[] ids, int[] dist, int[] count, int[] worst, int q, int k, long id, int h, int maxHamming) {
        if (count[q] < k) {
            ids[count[q]] = id;
            dist[count[q]] = h;
            count[q]++;
        } else {
            int far = 0;
            for (int i = 1; i < k; i++) {
                far = dist[i] > dist[far] ? i : far;
            }
            if (h >= dist[far]) {
                return;
            }
            ids[far] = id;
            dist[far] = h;
        }
        if (count[q] == k) {
            int w = 0;
            for (int i = 0; i < k; i++) {
                w = Math.max(w, dist[i]);
            }
            worst[q] = Math.min(maxHamming, w - 1);
        }
    }

    /** Adds vectors this instance has just stored (after their transaction committed). */
    public void add(long projectId, List<Long> itemIds, List<Int8Vector> vectors) {
        Sketches s = kept.getIfPresent(projectId);
        if (s != null) {
            synchronized (s) {
                for (int i = 0; i < itemIds.size(); i++) {
                    s.append(itemIds.get(i), sketch(vectors.get(i).bytes()));
                }
            }
        }
    }

    /** Forgets a project's sketches (its items were deleted). */
    public void forget(long projectId) {
        kept.invalidate(projectId);
    }

    private Sketches fresh(long projectId) {
        Sketches s = kept.getIfPresent(projectId);
        if (s == null) { // read outside the cache's own locks: a slow read must not hold up other projects
            s = load(projectId, 0, new Sketches());
            kept.put(projectId, s);
            return s;
        }
        long now = System.nanoTime();
        synchronized (s) {
            if (now - s.checkedAt < RECHECK_NANOS) {
                return s;
            }
            long count = counts.kept(projectId).embeddings();
            s.checkedAt = now;
            if (count == s.size) {
                return s;
            }
            if (count > s.size) {
                load(projectId, s.maxId, s);
            }
            if (count != s.size && now - s.loadedAt > RELOAD_NANOS) {
                Sketches all = load(projectId, 0, new Sketches());
                kept.put(projectId, all);
                return all;
            }
            return s;
        }
    }

    private Sketches load(long projectId, long afterId, Sketches into) {
        jdbc.sql("select item_id, vector from item_embeddings where project_id = ? and item_id > ? order by item_id")
                .params(projectId, afterId).withFetchSize(2000)
                .query(rs -> {
                    into.append(rs.getLong(1), sketch(rs.getBytes(2)));
                });
        into.checkedAt = System.nanoTime();
        if (afterId == 0) {
            into.loadedAt = into.checkedAt;
        }
        return into;
    }

    /** One project's sketches, in the order read or added. */
    private static final class Sketches {
        long[] ids = new long[1024];
        long[] bits = new long[2048];
        int size;
        long maxId;
        long checkedAt;
        long loadedAt;

        void append(long id, long[] sketch) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
                bits = Arrays.copyOf(bits, size * 4);
            }
            ids[size] = id;
            bits[2 * size] = sketch[0];
            bits[2 * size + 1] = sketch[1];
            size++;
            maxId = Math.max(maxId, id);
        }
    }
}
