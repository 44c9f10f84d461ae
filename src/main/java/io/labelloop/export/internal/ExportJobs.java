package io.labelloop.export.internal;

import io.labelloop.export.ExportReady;
import io.labelloop.export.ExportSettings;
import io.labelloop.project.Project;
import io.labelloop.shared.AdvisoryLocks;
import io.labelloop.shared.ApiException;
import io.labelloop.shared.CachedReading;
import io.labelloop.shared.JdbcTransactions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Exports written to a stored file by a background job, with progress, ending in {@link ExportReady} (and so the
 * {@code EXPORT_READY} webhook) in the transaction that marks the job READY. The job holds an advisory lock on
 * its id in the transaction that reads the rows; a RUNNING job whose lock is free belongs to an instance that
 * stopped and is marked FAILED by {@link #markInterrupted()}, so no job stays RUNNING after a kill.
 */
@Service
public class ExportJobs {

    private static final Logger log = LoggerFactory.getLogger(ExportJobs.class);
    private static final int PROGRESS_EVERY = 1000;
    private final JdbcClient jdbc;
    private final JdbcTransactions transactions;
    private final ExportWriter writer;
    private final ExportSettings settings;
    private final ApplicationEventPublisher events;
    private final ExecutorService executor;
    /** {@code labelloop_export_jobs_total} by outcome: ready, failed, interrupted (its instance stopped). */
    private final Counter ready;
    private final Counter failed;
    private final Counter interrupted;

    ExportJobs(JdbcClient jdbc, JdbcTransactions transactions, ExportWriter writer, ExportSettings settings,
            ApplicationEventPublisher events, MeterRegistry registry) {
        this.ready = jobCounter("ready", registry);
        this.failed = jobCounter("failed", registry);
        this.interrupted = jobCounter("interrupted", registry);
        var running = new CachedReading<>(() -> jdbc.sql("select count(*) from export_jobs where state = 'RUNNING'")
                .query(Long.class).single());
        Gauge.builder("labelloop.export.jobs.running", running, r -> r.get())
                .description("Export jobs running, all projects and instances").strongReference(true).register(registry);
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.writer = writer;
        this.settings = settings;
        this.events = events;
        // a thread per job, so that a job is locked (and so visibly alive) as soon as it exists
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "export-job");
            t.setDaemon(true);
            return t;
        });
    }

    /** A job as the API shows it; {@code progress} is the share of the rows written, 0..1. */
    public record Job(long id, String format, String state, long rowsDone, long rowsTotal, double progress, Long bytes,
                      String error, Instant createdAt, Instant finishedAt) {
        static Job of(long id, String format, String state, long rowsDone, long rowsTotal, Long bytes, String error,
                Instant createdAt, Instant finishedAt) {
            double progress = "READY".equals(state) ? 1.0 : rowsTotal == 0 ? 0.0 : Math.min(1.0, (double) rowsDone / rowsTotal);
            return new Job(id, format, state, rowsDone, rowsTotal, progress, bytes, error, createdAt, finishedAt);
        }
    }

    /** A finished job's file. */
    public record JobFile(Path path, String name, String contentType) {
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** Starts a job; returns it as created (RUNNING, with the row count it will write). */
    public Job start(Project project, ExportRequest request, long userId) {
        if (jdbc.sql("select count(*) from export_jobs where project_id = ? and state = 'RUNNING'").param(project.id())
                .query(Long.class).single() > 0) {
            throw ApiException.conflict("an export of this project is running; wait for it to finish");
        }
        long total = writer.rows(project, request);
        long id = jdbc.sql("""
                insert into export_jobs (project_id, format, rows_total, created_by) values (?, ?, ?, ?) returning id""")
                .params(project.id(), request.format(), total, userId).query(Long.class).single();
        executor.submit(() -> run(project, request, id));
        return find(project.id(), id).orElseThrow();
    }

    public Optional<Job> find(long projectId, long jobId) {
        return jdbc.sql("""
                select id, format, state, rows_done, rows_total, bytes, error, created_at, finished_at
                from export_jobs where project_id = ? and id = ?""")
                .params(projectId, jobId)
                .query((rs, n) -> Job.of(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                        (Long) rs.getObject(6), rs.getString(7), instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9))))
                .optional();
    }

    /** The file of a READY job; 404 for an unknown job, 409 while it runs or when it failed or its file is gone. */
    public JobFile file(Project project, long jobId) {
        Job job = find(project.id(), jobId).orElseThrow(() -> ApiException.notFound("export job", jobId));
        if (!"READY".equals(job.state())) {
            throw ApiException.conflict("export job " + jobId + " is " + job.state()
                    + (job.error() != null ? ": " + job.error() : "; its file is not ready yet"));
        }
        Path path = Path.of(jdbc.sql("select file_path from export_jobs where id = ?").param(jobId).query(String.class).single());
        if (!Files.isReadable(path)) {
            throw ApiException.conflict("the file of export job " + jobId + " is no longer on this instance's export "
                    + "directory (LABELLOOP_EXPORT_DIRECTORY must be shared by instances)");
        }
        ExportRequest shape = new ExportRequest(job.format(), ExportRequest.SOURCES, true);
        return new JobFile(path, shape.fileName(project.id()), shape.contentType());
    }

    private void run(Project project, ExportRequest request, long jobId) {
        Path dir = settings.path();
        Path target = dir.resolve("project-" + project.id() + "-export-" + jobId + extension(request));
        try {
            Files.createDirectories(dir);
            Path partial = Files.createTempFile(dir, "export-" + jobId + "-", ".partial");
            long[] rows = {0};
            transactions.required().executeWithoutResult(status -> {
                jdbc.sql("select pg_advisory_xact_lock(?, ?)").params(AdvisoryLocks.EXPORT_JOB, (int) jobId)
                        .query((rs, n) -> 1).list();
                try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(partial),
                        StandardCharsets.UTF_8), 1 << 16)) {
                    writer.write(project, request, out, () -> {
                        if (++rows[0] % PROGRESS_EVERY == 0) {
                            progress(jobId, rows[0]);
                        }
                    });
                    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                long bytes = target.toFile().length();
                jdbc.sql("""
                        update export_jobs set state = 'READY', rows_done = ?, rows_total = ?, file_path = ?, bytes = ?,
                               finished_at = now() where id = ?""")
                        .params(rows[0], rows[0], target.toString(), bytes, jobId).update();
                events.publishEvent(new ExportReady(project.id(), jobId, request.format(), rows[0], bytes));
            });
            ready.increment();
        } catch (IOException | RuntimeException e) {
            log.warn("Export job {} of project {} failed: {}", jobId, project.id(), e.toString());
            failed.increment();
            jdbc.sql("update export_jobs set state = 'FAILED', error = ?, finished_at = now() where id = ? and state = 'RUNNING'")
                    .params(String.valueOf(e.getMessage()), jobId).update();
        }
    }

    /** Progress on a connection of its own, so that it shows while the job's transaction is open. */
    private void progress(long jobId, long rows) {
        transactions.requiresNew().executeWithoutResult(status ->
                jdbc.sql("update export_jobs set rows_done = ? where id = ?").params(rows, jobId).update());
    }

    /** Marks FAILED the RUNNING jobs no instance is writing (their lock is free): their instance stopped. */
    @Scheduled(fixedDelayString = "${labelloop.export.interrupted-check:1m}", initialDelayString = "5s")
    public int markInterrupted() {
        int marked = transactions.requiresNew().execute(status -> jdbc.sql("""
                update export_jobs set state = 'FAILED', error = 'interrupted: the instance writing it stopped',
                       finished_at = now()
                where state = 'RUNNING' and created_at < now() - interval '5 seconds'
                  and pg_try_advisory_xact_lock(?, id::int)""")
                .param(AdvisoryLocks.EXPORT_JOB).update());
        interrupted.increment(marked);
        return marked;
    }

    private static Counter jobCounter(String outcome, MeterRegistry registry) {
        return Counter.builder("labelloop.export.jobs").tag("outcome", outcome)
                .description("Export jobs ended on this instance, by outcome").register(registry);
    }

    private static String extension(ExportRequest request) {
        return request.format().equals("labelstudio") ? ".json" : "." + request.format();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
