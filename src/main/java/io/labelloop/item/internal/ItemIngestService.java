package io.labelloop.item.internal;

import io.labelloop.item.UploadReport;
import io.labelloop.item.UploadReport.Rejection;
import io.labelloop.item.UploadSettings;
import io.labelloop.learning.TaskType;
import io.labelloop.project.Project;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
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
 * Bulk ingest in one transaction: the body is first received in full into a spool file (holding
 * an upload slot but no database resource while the client sends), then its records are parsed
 * and validated as they stream from the file and handed to an {@link ItemLoader}, which COPYs them
 * in and skips externalIds already stored or seen earlier in the upload. Uploads to one project
 * are serialised; a body that cannot be parsed rolls everything back.
 */
@Service
public class ItemIngestService {

    private static final Logger log = LoggerFactory.getLogger(ItemIngestService.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final JsonMapper mapper;
    private final UploadSettings settings;
    private final FeatureSchemaStore schemas;
    private final UploadSlots slots;
    private final SpoolDirectory spool;

    ItemIngestService(JdbcTemplate jdbc, TransactionTemplate tx, JsonMapper mapper, UploadSettings settings,
            FeatureSchemaStore schemas, UploadSlots slots, SpoolDirectory spool) {
        this.schemas = schemas;
        this.jdbc = jdbc;
        this.tx = tx;
        this.mapper = mapper;
        this.settings = settings;
        this.slots = slots;
        this.spool = spool;
    }

    /**
     * Stores the items of an upload body ({@code gzip}: the body is gzip-encoded). 429 when this
     * instance already receives its maximum of uploads, before any of the body is read.
     */
    public UploadReport ingest(Project project, UploadFormat format, InputStream body, boolean gzip) {
        try (var slot = slots.take(); var received = ReceivedBody.receive(body, spool, settings)) {
            InputStream limited = new LimitedInputStream(received.open(gzip), settings.maxBodySize().toBytes());
            try (limited) {
                log.info("Upload to project {}: {} bytes received in {} ms", project.id(), received.bytes(), received.millis());
                return tx.execute(status -> jdbc.execute((ConnectionCallback<UploadReport>) con -> run(con, project, format, limited)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private UploadReport run(Connection con, Project project, UploadFormat format, InputStream body) throws SQLException {
        schemas.lockUploads(project.id());
        FeatureSchema schema = new FeatureSchema(schemas.load(project.id()));
        var validator = new RowValidator(project.taskType(), new HashSet<>(project.labels()), schema,
                settings.maxImageSize().toBytes());
        var tally = new Tally(settings.maxReportedRejections());
        long started = System.nanoTime();
        long idsBefore = jdbc.queryForObject("select coalesce(max(id), 0) from items", Long.class);
        long created;
        try (var loader = new ItemLoader(con, project.id(), spool)) {
            reader(format, project.taskType()).read(body, record -> {
                tally.received++;
                switch (validator.check(record)) {
                    case StagedRow row -> add(loader, row);
                    case RowCheck.Refused refused -> tally.reject(refused.rejection());
                }
            });
            created = loader.finish();
            tally.staged = loader.rows();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (schema.grew()) {
            schemas.save(project.id(), schema.names());
        }
        log.info("Upload to project {}: {} received, {} created, {} rejected in {} ms", project.id(), tally.received,
                created, tally.rejectedCount, (System.nanoTime() - started) / 1_000_000);
        long uploadId = record(project.id(), idsBefore, tally, created);
        return new UploadReport(uploadId, tally.received, created, tally.staged - created, tally.rejected, tally.rejectedCount);
    }

    /**
     * Keeps the upload's counts and the range of ids it created (the project's items above the largest id before
     * it; uploads to a project are serialised), for {@code GET .../uploads/{uploadId}}.
     */
    private long record(long projectId, long idsBefore, Tally tally, long created) {
        Long first = null;
        Long last = null;
        if (created > 0) {
            var range = jdbc.queryForMap("""
                    select min(id) as first, max(id) as last from items
                    where project_id = ? and id > ?""", projectId, idsBefore);
            first = (Long) range.get("first");
            last = (Long) range.get("last");
        }
        return jdbc.queryForObject("""
                insert into uploads (project_id, received, created, duplicates, rejected_count, first_item_id, last_item_id)
                values (?, ?, ?, ?, ?, ?, ?) returning id""", Long.class,
                projectId, tally.received, created, tally.staged - created, tally.rejectedCount, first, last);
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
            case CSV -> new CsvUploadReader(taskType, mapper);
            case JSON -> new JsonArrayUploadReader(mapper, false);
            case LABEL_STUDIO -> new JsonArrayUploadReader(mapper, true);
            case NDJSON -> new NdjsonUploadReader(mapper);
        };
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
