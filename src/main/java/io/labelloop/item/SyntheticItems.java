package io.labelloop.item;

import io.labelloop.item.internal.FeatureVectors;
import io.labelloop.learning.ItemEncoder;
import io.labelloop.learning.TaskType;
import io.labelloop.shared.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The item side of membership query synthesis: a random sample of real items to start from, storing
 * synthetic items with their provenance, and taking one out of the pool when an annotator marks it
 * not a valid example.
 */
@Service
public class SyntheticItems {

    private final JdbcClient jdbc;
    private final ItemVectors vectors;

    SyntheticItems(JdbcClient jdbc, ItemVectors vectors) {
        this.jdbc = jdbc;
        this.vectors = vectors;
    }

    /**
     * A real item to start from. {@code values}: tabular features in schema order (NaN = missing), or for
     * IMAGE the pixels: grey levels in [0,1] of the {@value ItemEncoder#IMAGE_SIDE}-pixel square when
     * {@code image} (a stored PNG/JPEG), else the given pixel features as uploaded.
     */
    public record Payload(long itemId, String text, float[] values, boolean image, String knownLabel, byte[] encoded) {
    }

    /** A synthetic item to store: text, features (TABULAR or pixel features) or a PNG. */
    public record Draft(String text, float[] features, byte[] png, List<Long> derivedFrom, String method,
            String description) {
    }

    /**
     * Up to {@code unlabeled} real items without a label and up to {@code labeled} with one (human or
     * imported), drawn at random ({@code salt} varies the draw); synthetic and invalid items are left out.
     */
    @Transactional(readOnly = true)
    public List<Payload> sample(long projectId, TaskType taskType, int unlabeled, int labeled, long salt) {
        long total = vectors.count(projectId);
        int wanted = unlabeled + labeled;
        int buckets = (int) Math.min(1 << 20, Math.max(1, Math.ceil((double) (1 << 20) * 4 * wanted / Math.max(1, total))));
        List<Payload> out = new ArrayList<>();
        int[] taken = {0, 0};
        jdbc.sql("""
                select i.id, i.text, i.features, m.data, v.encoded, coalesce(h.label, i.imported_label)
                from items i
                join item_vectors v on v.project_id = i.project_id and v.item_id = i.id
                left join item_images m on m.item_id = i.id
                left join labels h on h.item_id = i.id and h.source = 'HUMAN'
                where i.project_id = ? and not i.synthetic and i.invalid_at is null
                  and (hashint8(i.id # ?) & 1048575) < ?
                order by hashint8(i.id # ?)""")
                .params(projectId, salt, buckets, salt)
                .query(rs -> {
                    String known = rs.getString(6);
                    int kind = known == null ? 0 : 1;
                    if (taken[kind] >= (kind == 0 ? unlabeled : labeled)) {
                        return;
                    }
                    taken[kind]++;
                    byte[] imageBytes = rs.getBytes(4);
                    float[] values = null;
                    if (taskType == TaskType.IMAGE && imageBytes != null) {
                        values = ItemEncoder.decode(rs.getBytes(5)).values(); // grey levels 0..255 of the stored square
                        for (int k = 0; k < values.length; k++) {
                            values[k] /= 255f;
                        }
                    } else if (taskType != TaskType.TEXT) {
                        values = FeatureVectors.unpack(rs.getBytes(3));
                    }
                    out.add(new Payload(rs.getLong(1), rs.getString(2), values, imageBytes != null, known, rs.getBytes(5)));
                });
        return out;
    }

    /** A stored synthetic item and its vector, encoded as every item is. */
    public record Stored(long itemId, byte[] encoded) {
    }

    /** Stores the drafts as synthetic items with their provenance (the synthesis seed included) and vectors, in order. */
    @Transactional
    public List<Stored> store(long projectId, TaskType taskType, List<Draft> drafts, long seed) {
        List<Stored> stored = new ArrayList<>();
        for (Draft d : drafts) {
            long id = jdbc.sql("""
                    insert into items (project_id, external_id, text, features, has_image, synthetic, derived_from,
                                       synthesis_method, synthesis_note, synthesis_seed)
                    values (?, ?, ?, ?, ?, true, ?, ?, ?, ?) returning id""")
                    .params(projectId, "syn-" + UUID.randomUUID(), d.text(),
                            d.features() == null ? null : FeatureVectors.pack(d.features()), d.png() != null,
                            d.derivedFrom().toArray(Long[]::new), d.method(), d.description(), seed)
                    .query(Long.class).single();
            if (d.png() != null) {
                jdbc.sql("insert into item_images (item_id, content_type, data) values (?, 'image/png', ?)")
                        .params(id, d.png()).update();
            }
            stored.add(new Stored(id, vectors.ensure(projectId, id, taskType)));
        }
        return stored;
    }

    /**
     * Takes a synthetic item out of the pool: an annotator says it is not a valid example. It costs no
     * budget and is never queued again. Real items cannot be marked (they are skipped instead), nor can a
     * labeled one. Marking twice is harmless.
     */
    @Transactional
    public void markInvalid(long projectId, long itemId, long userId) {
        var item = jdbc.sql("""
                select i.synthetic, exists (select 1 from labels l where l.item_id = i.id and l.source = 'HUMAN')
                from items i where i.project_id = ? and i.id = ? for update""")
                .params(projectId, itemId)
                .query((rs, n) -> new boolean[] {rs.getBoolean(1), rs.getBoolean(2)})
                .optional()
                .orElseThrow(() -> ApiException.notFound("item", itemId));
        if (!item[0]) {
            throw ApiException.conflict("item " + itemId + " is a real item: only synthetic items can be marked not a "
                    + "valid example (skip it instead)");
        }
        if (item[1]) {
            throw ApiException.conflict("item " + itemId + " is already labeled");
        }
        jdbc.sql("update items set invalid_at = coalesce(invalid_at, now()), invalid_by = coalesce(invalid_by, ?) where id = ?")
                .params(userId, itemId).update();
        jdbc.sql("delete from item_vectors where project_id = ? and item_id = ?").params(projectId, itemId).update();
    }
}
