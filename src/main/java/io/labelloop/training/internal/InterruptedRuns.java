package io.labelloop.training.internal;

import io.labelloop.shared.AdvisoryLocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Ends the training runs that can no longer end by themselves: queued or running runs whose instance
 * holds no instance lock (see {@link LiveInstances}) stopped with it, killed or crashed, and would
 * show as running forever. At startup and every minute (another instance of the same database may
 * have died meanwhile), they are marked FAILED with {@link #REASON}.
 */
@Component
class InterruptedRuns {

    static final String REASON = "interrupted: the instance running it stopped";
    private static final Logger log = LoggerFactory.getLogger(InterruptedRuns.class);

    private final JdbcClient jdbc;
    private final LiveInstances instances;

    InterruptedRuns(JdbcClient jdbc, LiveInstances instances) {
        this.jdbc = jdbc;
        this.instances = instances;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStartup() {
        sweep();
    }

    @Scheduled(fixedDelayString = "${labelloop.training.interrupted-runs-check:1m}",
            initialDelayString = "${labelloop.training.interrupted-runs-check:1m}")
    void periodically() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("Looking for interrupted training runs failed; trying again at the next check", e);
        }
    }

    /** Marks the unfinished runs of instances that are gone as failed; returns how many. */
    int sweep() {
        instances.ensureHeld();
        int failed = jdbc.sql("""
                update training_runs r set status = 'FAILED', finished_at = now(), message = ?
                where r.status in ('QUEUED', 'RUNNING')
                  and (r.instance_id is null or not exists (
                      select 1 from pg_locks l
                      where l.locktype = 'advisory' and l.objsubid = 2 and l.granted
                        and l.database = (select oid from pg_database where datname = current_database())
                        and l.classid::bigint = ? and l.objid::bigint = r.instance_id))""")
                .params(REASON, AdvisoryLocks.INSTANCE)
                .update();
        if (failed > 0) {
            log.warn("Marked {} training runs as failed: the instances running them stopped", failed);
        }
        return failed;
    }
}
