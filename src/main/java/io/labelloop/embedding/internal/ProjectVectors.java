package io.labelloop.embedding.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.labelloop.embedding.EmbeddingSettings;
import io.labelloop.embedding.Int8Vector;
import io.labelloop.embedding.SentenceEncoder;
import io.labelloop.embedding.internal.NearestItems.Hit;
import io.labelloop.item.ItemCounts;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Exact nearest neighbours among a project's stored vectors. A project's vectors are kept in memory as one
 * byte array (384 bytes an item) while they fit in {@code labelloop.embedding.search-cache-size} together
 * with the other projects kept; a project that does not fit is scanned from the database for each query
 * (its rows streamed, never all in memory). A kept copy is checked against the project's count of vectors at
 * most every 5 s; while the job fills the project it reads what was added after the last id it holds, and
 * the whole project again only when that does not add up.
 */
@Component
public class ProjectVectors {

    private static final int DIM = SentenceEncoder.DIMENSIONS;
    private static final long RECHECK_NANOS = 5_000_000_000L;
    /** Most items with an imported label that {@link #nearestLabeled} compares. */
    static final int IMPORTED_SCAN = 20_000;

    private final JdbcClient jdbc;
    private final ItemCounts counts;
    private final long maxBytes;
    private final Cache<Long, Matrix> kept;

    ProjectVectors(JdbcClient jdbc, EmbeddingSettings settings, ItemCounts counts) {
        this.counts = counts;
        this.jdbc = jdbc;
        this.maxBytes = settings.searchCacheSize().toBytes();
        this.kept = Caffeine.newBuilder().maximumWeight(maxBytes)
                .<Long, Matrix>weigher((id, m) -> (int) Math.min(Integer.MAX_VALUE, m.bytes()))
                .build();
    }

    /** A project's vectors in item-id order, with when they were read and how many the database had then. */
    private record Matrix(long[] ids, byte[] vectors, float[] scales, long checkedAt) {
        long bytes() {
            return vectors.length + ids.length * 12L + 64;
        }
    }

    /** The stored vector of one item of the project, or null when it has none yet. */
    public Int8Vector of(long projectId, long itemId) {
        return jdbc.sql("select vector, scale from item_embeddings where project_id = ? and item_id = ?")
                .params(projectId, itemId)
                .query((rs, n) -> new Int8Vector(rs.getBytes(1), rs.getFloat(2))).optional().orElse(null);
    }

    /** The {@code k} items most similar to the query (cosine), most similar first, leaving out {@code exclude}. */
    public List<Hit> nearest(long projectId, Int8Vector query, int k, long exclude) {
        NearestItems best = new NearestItems(k, exclude);
        byte[] q = query.bytes();
        Matrix m = matrix(projectId);
        if (m != null) {
            byte[] all = m.vectors();
            for (int i = 0; i < m.ids().length; i++) {
                best.offer(m.ids()[i], dot(q, all, i * DIM) * (double) query.scale() * m.scales()[i]);
            }
        } else {
            jdbc.sql("select item_id, vector, scale from item_embeddings where project_id = ?")
                    .params(projectId).withFetchSize(2000)
                    .query(rs -> {
                        best.offer(rs.getLong(1), Int8Vector.dot(q, rs.getBytes(2)) * (double) query.scale() * rs.getFloat(3));
                    });
        }
        return best.best();
    }

    /**
     * The {@code k} labeled items (a human's label or an imported one) most similar to the query, most similar
     * first, leaving out {@code exclude}. Streams the labeled items' vectors from the database: every item a human
     * labeled (bounded by the budget) and at most {@link #IMPORTED_SCAN} of those that came with a label, so that a
     * project imported with a million labels does not read them all for each item an annotator opens.
     */
    public List<Hit> nearestLabeled(long projectId, Int8Vector query, int k, long exclude) {
        NearestItems best = new NearestItems(k, exclude);
        byte[] q = query.bytes();
        jdbc.sql("""
                select e.item_id, e.vector, e.scale from item_embeddings e
                where e.project_id = ? and e.item_id in (select l.item_id from labels l
                      where l.project_id = ? and l.source = 'HUMAN')
                union all
                (select e.item_id, e.vector, e.scale from item_embeddings e join items i on i.id = e.item_id
                 where e.project_id = ? and i.imported_label is not null
                   and not exists (select 1 from labels l where l.item_id = i.id and l.source = 'HUMAN')
                 limit ?)""")
                .params(projectId, projectId, projectId, IMPORTED_SCAN).withFetchSize(2000)
                .query(rs -> {
                    best.offer(rs.getLong(1), Int8Vector.dot(q, rs.getBytes(2)) * (double) query.scale() * rs.getFloat(3));
                });
        return best.best();
    }

    private Matrix matrix(long projectId) {
        Matrix m = kept.getIfPresent(projectId);
        long now = System.nanoTime();
        if (m != null && now - m.checkedAt() < RECHECK_NANOS) {
            return m;
        }
        long count = counts.kept(projectId).embeddings();
        if (m != null && m.ids().length == count) {
            m = new Matrix(m.ids(), m.vectors(), m.scales(), now);
            kept.put(projectId, m);
            return m;
        }
        if (count * (DIM + 12L) > maxBytes / 2) {
            kept.invalidate(projectId);
            return null;
        }
        if (m != null && m.ids().length < count && m.ids().length > 0) {
            // Workers claim in item-id order, so what was added since is mostly above the last id read.
            Matrix added = load(projectId, m.ids()[m.ids().length - 1], (int) (count - m.ids().length), now);
            Matrix merged = append(m, added, now);
            if (merged.ids().length == count) {
                kept.put(projectId, merged);
                return merged;
            }
        }
        m = load(projectId, 0, (int) count, now);
        kept.put(projectId, m);
        return m;
    }

    private Matrix load(long projectId, long afterId, int expected, long now) {
        long[] ids = new long[expected];
        byte[] vectors = new byte[expected * DIM];
        float[] scales = new float[expected];
        int[] n = {0};
        jdbc.sql("select item_id, vector, scale from item_embeddings where project_id = ? and item_id > ? order by item_id")
                .params(projectId, afterId).withFetchSize(2000)
                .query(rs -> {
                    int i = n[0];
                    if (i < ids.length) {
                        ids[i] = rs.getLong(1);
                        System.arraycopy(rs.getBytes(2), 0, vectors, i * DIM, DIM);
                        scales[i] = rs.getFloat(3);
                        n[0]++;
                    }
                });
        int rows = n[0];
        return new Matrix(Arrays.copyOf(ids, rows), Arrays.copyOf(vectors, rows * DIM), Arrays.copyOf(scales, rows), now);
    }

    private static Matrix append(Matrix a, Matrix b, long now) {
        int n = a.ids().length;
        int total = n + b.ids().length;
        long[] ids = Arrays.copyOf(a.ids(), total);
        System.arraycopy(b.ids(), 0, ids, n, b.ids().length);
        byte[] vectors = Arrays.copyOf(a.vectors(), total * DIM);
        System.arraycopy(b.vectors(), 0, vectors, n * DIM, b.vectors().length);
        float[] scales = Arrays.copyOf(a.scales(), total);
        System.arraycopy(b.scales(), 0, scales, n, b.scales().length);
        return new Matrix(ids, vectors, scales, now);
    }

    private static int dot(byte[] q, byte[] all, int offset) {
        int sum = 0;
        for (int j = 0; j < DIM; j++) {
            sum += q[j] * all[offset + j];
        }
        return sum;
    }
}
