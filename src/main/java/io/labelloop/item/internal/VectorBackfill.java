package io.labelloop.item.internal;

import io.labelloop.item.ItemCounts;
import io.labelloop.item.ItemVectors;
import io.labelloop.learning.TaskType;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes {@code item_vectors}: the backfill of a project's items that have no vector yet (read on one connection,
 * COPY out on another; vectors are derived data, committed on their own), and one item encoded on demand.
 * {@link ItemVectors} reads them.
 */
@Component
public class VectorBackfill {

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final FeatureSchemaStore schemas;
    private final ItemCounts counts;

    VectorBackfill(JdbcClient jdbc, DataSource dataSource, FeatureSchemaStore schemas, ItemCounts counts) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.schemas = schemas;
        this.counts = counts;
    }

    /**
     * Encodes every item of the project that has no vector yet; returns how many were encoded.
     * Items stream in on one connection while their vectors COPY out on another (vectors are derived
     * data, committed on their own).
     */
    public long encodeMissing(long projectId, TaskType taskType) {
        return backfill(projectId, taskType).encoded();
    }

    /** What {@link #backfill} did: the items it encoded, and the vectors the project has after it. */
    public record Backfilled(long encoded, long vectors) {
    }

    /**
     * The same, also answering how many vectors the project has then. Whether any item lacks its vector is read from
     * the kept counts ({@link ItemCounts}: items against vectors, a few rows whatever the pool), so a cycle with
     * nothing to encode reads no item; only when they differ does the anti-join below look for the items to encode.
     */
    public Backfilled backfill(long projectId, TaskType taskType) {
        ItemCounts.Kept kept = counts.kept(projectId);
        if (!kept.vectorsDue()) {
            return new Backfilled(0, kept.vectors());
        }
        int width = schemas.load(projectId).size();
        try (Connection read = dataSource.getConnection(); Connection write = dataSource.getConnection()) {
            read.setAutoCommit(false);
            read.setReadOnly(true);
            write.setAutoCommit(true);
            try {
                long encoded = encode(read, write, projectId, taskType, width);
                return new Backfilled(encoded, kept.vectors() + encoded);
            } finally {
                read.rollback();
                read.setAutoCommit(true);
                read.setReadOnly(false);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("encoding the items of project " + projectId + " failed", e);
        }
    }

    private long encode(Connection con, Connection write, long projectId, TaskType taskType, int width) throws SQLException {
        long count = 0;
        try (PreparedStatement ps = con.prepareStatement("""
                select i.id, i.text, i.features, m.data
                from items i left join item_images m on m.item_id = i.id
                where i.project_id = ?
                  and not exists (select 1 from item_vectors v where v.project_id = i.project_id and v.item_id = i.id)""")) {
            ps.setFetchSize(2000);
            ps.setLong(1, projectId);
            try (ResultSet rs = ps.executeQuery();
                 OutputStream out = new BufferedOutputStream(new PGCopyOutputStream(write.unwrap(PGConnection.class),
                         "copy item_vectors (project_id, item_id, encoded) from stdin", 1 << 16), 1 << 16)) {
                List<RawItem> batch = new ArrayList<>(ENCODE_BATCH);
                while (rs.next()) {
                    batch.add(new RawItem(rs.getLong(1), rs.getString(2), rs.getBytes(3), rs.getBytes(4)));
                    if (batch.size() == ENCODE_BATCH) {
                        count += writeEncoded(out, projectId, batch, taskType, width);
                        batch.clear();
                    }
                }
                count += writeEncoded(out, projectId, batch, taskType, width);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return count;
    }

    private static final int ENCODE_BATCH = 2000;

    private record RawItem(long id, String text, byte[] features, byte[] image) {
    }

    /** Encodes a batch on every core (tokenising is the costly part) and writes it in order. */
    private static int writeEncoded(OutputStream out, long projectId, List<RawItem> batch, TaskType taskType, int width)
            throws IOException {
        byte[][] encoded = new byte[batch.size()][];
        IntStream.range(0, batch.size()).parallel().forEach(i -> {
            RawItem r = batch.get(i);
            encoded[i] = encodeRow(taskType, r.text(), r.features(), r.image(), width);
        });
        CopyTextRow row = new CopyTextRow();
        for (int i = 0; i < encoded.length; i++) {
            row.reset();
            row.number(projectId).number(batch.get(i).id()).bytea(encoded[i]).end().writeTo(out);
        }
        return encoded.length;
    }

    /** A stored row: packed features are unpacked only where they are what gets encoded. */
    private static byte[] encodeRow(TaskType taskType, String text, byte[] features, byte[] image, int width) {
        boolean usesFeatures = taskType == TaskType.TABULAR || (taskType == TaskType.IMAGE && image == null);
        return ItemVectors.encode(taskType, text, usesFeatures ? FeatureVectors.unpack(features, width) : null, image);
    }

    /** Encodes one stored item and stores its vector (in the caller's transaction); returns the vector. */
    public byte[] encodeOne(long projectId, long itemId, TaskType taskType) {
        int width = schemas.load(projectId).size();
        byte[] encoded = jdbc.sql("""
                select i.text, i.features, m.data from items i left join item_images m on m.item_id = i.id
                where i.project_id = ? and i.id = ?""")
                .params(projectId, itemId)
                .query((rs, n) -> encodeRow(taskType, rs.getString(1), rs.getBytes(2), rs.getBytes(3), width))
                .single();
        jdbc.sql("insert into item_vectors (project_id, item_id, encoded) values (?, ?, ?) on conflict do nothing")
                .params(projectId, itemId, encoded).update();
        return encoded;
    }
}
