package io.labelloop.item.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Writes validated items by the fastest route that stays exact. Rows are COPYed straight into
 * {@code items} inside a savepoint, which runs at the speed of COPY itself, while the same bytes
 * are spooled to a temporary file. If an externalId is already stored (or repeats within the
 * upload) the unique key aborts that COPY: the loader rolls back to the savepoint and replays the
 * spool through a temporary stage and one {@code INSERT ... ON CONFLICT DO NOTHING} in upload order,
 * so the first occurrence wins and every duplicate is counted.
 */
final class ItemLoader implements AutoCloseable {

    private static final String ITEM_COLUMNS = "project_id, external_id, text, features, metadata, imported_label, has_image";
    private static final String UNIQUE_VIOLATION = "23505";

    private final Connection con;
    private final long projectId;
    private final CopyTextRow row = new CopyTextRow();
    private final CopyTextRow imageRow = new CopyTextRow();
    private final SpoolDirectory spoolDirectory;
    private final Path spoolFile;
    private final OutputStream spool;
    private PGCopyOutputStream direct;
    private Path imageFile;
    private OutputStream imageSpool;
    private long rows;

    ItemLoader(Connection con, long projectId, SpoolDirectory spoolDirectory) throws SQLException, IOException {
        this.con = con;
        this.projectId = projectId;
        this.spoolDirectory = spoolDirectory;
        this.spoolFile = spoolDirectory.newFile("labelloop-rows-");
        this.spool = new BufferedOutputStream(Files.newOutputStream(spoolFile), 1 << 20);
        try {
            exec("savepoint bulk_copy");
            this.direct = new PGCopyOutputStream(con.unwrap(PGConnection.class),
                    "copy items (" + ITEM_COLUMNS + ") from stdin", 1 << 16);
        } catch (SQLException | RuntimeException e) {
            try {
                close(); // the caller's try-with-resources never sees a loader whose constructor failed
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    void add(StagedRow r) throws IOException {
        rows++;
        row.reset();
        row.number(projectId).text(r.externalId()).text(r.text()).bytea(r.features()).text(r.metadataJson())
                .text(r.label()).bool(r.image() != null).end();
        row.writeTo(spool);
        if (direct != null) {
            try {
                row.writeTo(direct);
            } catch (IOException e) {
                abandonDirectCopy(); // the server refused mid-stream; the spool still gets everything
            }
        }
        if (r.image() != null) {
            imageRow.reset();
            imageRow.text(r.externalId()).bytea(r.image()).text(r.imageType()).end();
            imageRow.writeTo(imageSpool());
        }
    }

    /** Finishes the load; returns how many new items were created. */
    long finish() throws SQLException, IOException {
        spool.close();
        long created = -1;
        if (direct != null) {
            try {
                created = direct.endCopy();
                exec("release savepoint bulk_copy");
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
            } finally {
                direct = null;
            }
        }
        if (created < 0) {
            created = replaySkippingDuplicates();
        }
        if (imageSpool != null) {
            imageSpool.close();
            insertImages();
        }
        return created;
    }

    long rows() {
        return rows;
    }

    private long replaySkippingDuplicates() throws SQLException, IOException {
        exec("rollback to savepoint bulk_copy");
        exec("create temp table upload_stage (line bigserial, project_id bigint, external_id text, text text, "
                + "features bytea, metadata text, imported_label text, has_image boolean) on commit drop");
        copyIn("copy upload_stage (" + ITEM_COLUMNS + ") from stdin", spoolFile);
        try (PreparedStatement ps = con.prepareStatement("insert into items (" + ITEM_COLUMNS + ") "
                + "select project_id, external_id, text, features, metadata::jsonb, imported_label, has_image "
                + "from upload_stage order by line on conflict (project_id, external_id) do nothing")) {
            return ps.executeUpdate();
        }
    }

    /** Images of the items this upload created: those flagged with an image that has none stored yet. */
    private void insertImages() throws SQLException, IOException {
        exec("create temp table image_stage (line bigserial, external_id text, image bytea, image_type text) on commit drop");
        copyIn("copy image_stage (external_id, image, image_type) from stdin", imageFile);
        try (PreparedStatement ps = con.prepareStatement("""
                insert into item_images (item_id, content_type, data)
                select distinct on (i.id) i.id, s.image_type, s.image
                from image_stage s join items i on i.project_id = ? and i.external_id = s.external_id
                where i.has_image and not exists (select 1 from item_images m where m.item_id = i.id)
                order by i.id, s.line
                on conflict (item_id) do nothing""")) {
            ps.setLong(1, projectId);
            ps.executeUpdate();
        }
    }

    private OutputStream imageSpool() throws IOException {
        if (imageSpool == null) {
            imageFile = spoolDirectory.newFile("labelloop-images-");
            imageSpool = new BufferedOutputStream(Files.newOutputStream(imageFile), 1 << 20);
        }
        return imageSpool;
    }

    private void copyIn(String sql, Path file) throws SQLException, IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
            con.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, in, 1 << 16);
        }
    }

    private void abandonDirectCopy() {
        try {
            if (direct.isActive()) {
                direct.cancelCopy();
            }
        } catch (SQLException ignored) {
            // rolled back to the savepoint right after
        }
        direct = null;
    }

    private void exec(String sql) throws SQLException {
        try (Statement st = con.createStatement()) {
            st.execute(sql);
        }
    }

    /** Abandons an unfinished COPY (after a parse failure) and removes the spool files. */
    @Override
    public void close() throws IOException {
        try {
            if (direct != null) {
                abandonDirectCopy();
            }
            spool.close();
            if (imageSpool != null) {
                imageSpool.close();
            }
        } finally {
            Files.deleteIfExists(spoolFile);
            if (imageFile != null) {
                Files.deleteIfExists(imageFile);
            }
        }
    }
}
