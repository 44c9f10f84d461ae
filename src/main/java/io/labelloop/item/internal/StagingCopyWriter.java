package io.labelloop.item.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.HexFormat;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Streams staged rows into the session's {@code upload_stage} table with PostgreSQL COPY (text
 * format), the fastest way in; nothing is buffered beyond the writer's 64 KiB.
 */
final class StagingCopyWriter implements AutoCloseable {

    static final String CREATE_STAGE = """
            create temp table upload_stage (
                line bigint, external_id text, text text, features bytea, metadata text,
                label text, image bytea, image_type text) on commit drop""";

    private static final HexFormat HEX = HexFormat.of();

    private final PGCopyOutputStream copy;
    private final Writer out;
    private boolean imagesSeen;

    StagingCopyWriter(PGConnection connection) throws SQLException {
        this.copy = new PGCopyOutputStream(connection, "copy upload_stage from stdin", 1 << 16);
        this.out = new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 16);
    }

    void write(StagedRow row) throws IOException {
        out.write(Long.toString(row.line()));
        out.write('\t');
        text(row.externalId());
        out.write('\t');
        text(row.text());
        out.write('\t');
        bytea(row.features());
        out.write('\t');
        text(row.metadataJson());
        out.write('\t');
        text(row.label());
        out.write('\t');
        bytea(row.image());
        out.write('\t');
        text(row.imageType());
        out.write('\n');
        imagesSeen |= row.image() != null;
    }

    boolean imagesSeen() {
        return imagesSeen;
    }

    /** Ends the COPY; the rows are in the stage table afterwards. */
    @Override
    public void close() throws IOException {
        out.close();
    }

    /** Abandons the COPY after a failure so that the connection can roll back. */
    void cancel() {
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException ignored) {
            // the transaction is rolled back next anyway
        }
    }

    private void text(String s) throws IOException {
        if (s == null) {
            out.write("\\N");
            return;
        }
        int n = s.length();
        int start = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            String escape = switch (c) {
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> null;
            };
            if (escape != null) {
                out.write(s, start, i - start);
                out.write(escape);
                start = i + 1;
            }
        }
        out.write(s, start, n - start);
    }

    private void bytea(byte[] b) throws IOException {
        if (b == null) {
            out.write("\\N");
            return;
        }
        out.write("\\\\x");
        out.write(HEX.formatHex(b));
    }
}
