package io.labelloop.item.internal;

import io.labelloop.item.UploadReport;
import io.labelloop.item.UploadReport.Rejection;
import io.labelloop.item.UploadSettings;
import io.labelloop.learning.TaskType;
import io.labelloop.project.Project;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk ingest in one transaction: records are parsed and validated as they stream in, COPYed into
 * a temporary stage, then inserted in one statement that skips externalIds already stored or seen
 * earlier in the upload. A body that cannot be parsed rolls everything back.
 */
@Service
public class ItemIngestService {

    private static final Logger log = LoggerFactory.getLogger(ItemIngestService.class);
    private static final int UPLOAD_LOCK_CLASS = 0x4C4C_0001;

    private static final String INSERT_ITEMS = """
            insert into items (project_id, external_id, text, features, metadata, imported_label, has_image)
            select ?, external_id, text, features, metadata::jsonb, label, image is not null
            from upload_stage order by line
            on conflict (project_id, external_id) do nothing""";

    private static final String INSERT_IMAGES = """
            insert into item_images (item_id, content_type, data)
            select distinct on (i.id) i.id, s.image_type, s.image
            from upload_stage s join items i on i.project_id = ? and i.external_id = s.external_id
            where s.image is not null and i.xmin = pg_current_xact_id()::xid
            order by i.id, s.line
            on conflict (item_id) do nothing""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final JsonMapper mapper;
    private final UploadSettings settings;

    ItemIngestService(JdbcTemplate jdbc, TransactionTemplate tx, JsonMapper mapper, UploadSettings settings) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.mapper = mapper;
        this.settings = settings;
    }

    public UploadReport ingest(Project project, UploadFormat format, InputStream body) {
        InputStream limited = new LimitedInputStream(body, settings.maxBodySize().toBytes());
        return tx.execute(status -> jdbc.execute((ConnectionCallback<UploadReport>) con -> run(con, project, format, limited)));
    }

    private UploadReport run(Connection con, Project project, UploadFormat format, InputStream body) throws SQLException {
        try (Statement st = con.createStatement()) {
            st.execute("select pg_advisory_xact_lock(" + UPLOAD_LOCK_CLASS + ", " + Math.toIntExact(project.id()) + ")");
            st.execute(StagingCopyWriter.CREATE_STAGE);
        }
        FeatureSchema schema = new FeatureSchema(loadSchema(con, project.id()));
        var validator = new RowValidator(project.taskType(), new HashSet<>(project.labels()), schema,
                settings.maxImageSize().toBytes());
        var tally = new Tally(settings.maxReportedRejections());
        long started = System.nanoTime();
        boolean images;
        try (var stage = new StagingCopyWriter(con.unwrap(PGConnection.class))) {
            try {
                reader(format, project.taskType()).read(body, record -> {
                    tally.received++;
                    Object checked = validator.check(record);
                    if (checked instanceof StagedRow row) {
                        tally.staged++;
                        write(stage, row);
                    } else {
                        tally.reject((Rejection) checked);
                    }
                });
            } catch (RuntimeException | IOException e) {
                stage.cancel();
                throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
            }
            images = stage.imagesSeen();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long created;
        try (PreparedStatement ps = con.prepareStatement(INSERT_ITEMS)) {
            ps.setLong(1, project.id());
            created = ps.executeUpdate();
        }
        if (images) {
            try (PreparedStatement ps = con.prepareStatement(INSERT_IMAGES)) {
                ps.setLong(1, project.id());
                ps.executeUpdate();
            }
        }
        if (schema.grew()) {
            saveSchema(con, project.id(), schema.names());
        }
        log.info("Upload to project {}: {} received, {} created, {} rejected in {} ms", project.id(), tally.received,
                created, tally.rejectedCount, (System.nanoTime() - started) / 1_000_000);
        return new UploadReport(tally.received, created, tally.staged - created, tally.rejected, tally.rejectedCount);
    }

    private UploadReader reader(UploadFormat format, TaskType taskType) {
        return switch (format) {
            case CSV -> new CsvUploadReader(taskType == TaskType.TEXT, mapper);
            case JSON -> new JsonArrayUploadReader(mapper);
            case NDJSON -> new NdjsonUploadReader(mapper);
        };
    }

    private static void write(StagingCopyWriter stage, StagedRow row) {
        try {
            stage.write(row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> loadSchema(Connection con, long projectId) throws SQLException {
        try (PreparedStatement ps = con.prepareStatement("select feature_names from item_feature_schemas where project_id = ?")) {
            ps.setLong(1, projectId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? List.of((String[]) rs.getArray(1).getArray()) : List.of();
            }
        }
    }

    private static void saveSchema(Connection con, long projectId, List<String> names) throws SQLException {
        try (PreparedStatement ps = con.prepareStatement("""
                insert into item_feature_schemas (project_id, feature_names) values (?, ?)
                on conflict (project_id) do update set feature_names = excluded.feature_names""")) {
            Array array = con.createArrayOf("text", names.toArray());
            ps.setLong(1, projectId);
            ps.setArray(2, array);
            ps.executeUpdate();
        }
    }

    /** Running counts of one upload. */
    private static final class Tally {
        final int maxListed;
        final List<Rejection> rejected = new ArrayList<>();
        long received;
        long staged;
        long rejectedCount;

        Tally(int maxListed) {
            this.maxListed = maxListed;
        }

        void reject(Rejection r) {
            rejectedCount++;
            if (rejected.size() < maxListed) {
                rejected.add(r);
            }
        }
    }
}
