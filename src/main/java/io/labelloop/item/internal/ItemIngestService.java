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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk ingest in one transaction: records are parsed and validated as they stream in and handed to
 * an {@link ItemLoader}, which COPYs them in and skips externalIds already stored or seen earlier
 * in the upload. Uploads to one project are serialised; a body that cannot be parsed rolls
 * everything back.
 */
@Service
public class ItemIngestService {

    private static final Logger log = LoggerFactory.getLogger(ItemIngestService.class);
    private static final int UPLOAD_LOCK_CLASS = 0x4C4C_0001;

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
        }
        FeatureSchema schema = new FeatureSchema(loadSchema(con, project.id()));
        var validator = new RowValidator(project.taskType(), new HashSet<>(project.labels()), schema,
                settings.maxImageSize().toBytes());
        var tally = new Tally(settings.maxReportedRejections());
        long started = System.nanoTime();
        long created;
        try (var loader = new ItemLoader(con, project.id())) {
            reader(format, project.taskType()).read(body, record -> {
                tally.received++;
                Object checked = validator.check(record);
                if (checked instanceof StagedRow row) {
                    add(loader, row);
                } else {
                    tally.reject((Rejection) checked);
                }
            });
            created = loader.finish();
            tally.staged = loader.rows();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (schema.grew()) {
            saveSchema(con, project.id(), schema.names());
        }
        log.info("Upload to project {}: {} received, {} created, {} rejected in {} ms", project.id(), tally.received,
                created, tally.rejectedCount, (System.nanoTime() - started) / 1_000_000);
        return new UploadReport(tally.received, created, tally.staged - created, tally.rejected, tally.rejectedCount);
    }

    private static void add(ItemLoader loader, StagedRow row) {
        try {
            loader.add(row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private UploadReader reader(UploadFormat format, TaskType taskType) {
        return switch (format) {
            case CSV -> new CsvUploadReader(taskType == TaskType.TEXT, mapper);
            case JSON -> new JsonArrayUploadReader(mapper);
            case NDJSON -> new NdjsonUploadReader(mapper);
        };
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
