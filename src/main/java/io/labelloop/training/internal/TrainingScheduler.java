package io.labelloop.training.internal;

import io.labelloop.project.ProjectAccess;
import io.labelloop.queue.QueueRanDry;
import io.labelloop.shared.ThreadNice;
import io.labelloop.training.TrainingSettings;
import io.labelloop.training.internal.RetrainCycle.Outcome;
import io.labelloop.training.internal.RetrainCycle.Result;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Runs cycles: the scheduled tick (a thin trigger) walks the active projects and runs each due
 * cycle; a queue that ran dry or an API request starts one in the background. A failed cycle is
 * logged and retried at the next tick, the previous model and queue untouched.
 */
@Service
public class TrainingScheduler {

    private static final Logger log = LoggerFactory.getLogger(TrainingScheduler.class);
    /** The nice value of cycle threads: a request thread at 0 weighs about ten times as much. */
    private static final int CYCLE_NICE = 10;

    private final RetrainCycle cycle;
    private final ProjectAccess projects;
    private final TrainingRuns runs;
    private final TrainingSettings settings;
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

    TrainingScheduler(RetrainCycle cycle, ProjectAccess projects, TrainingRuns runs, TrainingSettings settings) {
        this.cycle = cycle;
        this.projects = projects;
        this.runs = runs;
        this.settings = settings;
    }

    @Scheduled(fixedDelayString = "${labelloop.training.interval:10s}", initialDelayString = "${labelloop.training.interval:10s}")
    void tick() {
        if (settings.scheduleEnabled()) {
            runDue();
        }
    }

    /** One pass over the active projects; idempotent when nothing changed. Returns the cycles that did something. */
    public int runDue() {
        int ran = 0;
        for (long projectId : projects.activeProjectIds()) {
            if (runLogged(projectId, "SCHEDULE", false)) {
                ran++;
            }
        }
        return ran;
    }

    /**
     * The tick's work for one project: its cycle if one is due and the project is not stopped. Returns 1 when the
     * cycle did something, else 0. Tests run their own project's cycle with it, so that they never run (and seed,
     * or fail on) the projects of other tests in the same database.
     */
    public int runDue(long projectId) {
        return !projects.get(projectId).queue().stopped() && runLogged(projectId, "SCHEDULE", false) ? 1 : 0;
    }

    /** Queues an API-requested cycle in the background; returns its run id. */
    public long request(long projectId) {
        long runId = runs.queued(projectId, "API");
        background.submit(() -> execute(runId, projectId));
        return runId;
    }

    /** Runs an API-requested cycle now, waiting for a running one of the same project to finish first. */
    public Result runNow(long projectId) {
        long runId = runs.queued(projectId, "API");
        return execute(runId, projectId);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(QueueRanDry event) {
        if (settings.scheduleEnabled()) {
            background.submit(() -> runLogged(event.projectId(), "QUEUE_DRY", false));
        }
    }

    /**
     * Platform threads for cycles at a low operating system priority ({@link ThreadNice}, set once when a thread
     * starts; the threads a cycle starts inherit it), so that request threads go first whenever both want a core.
     * Idle threads end after a minute.
     */
    private static final ExecutorService CYCLE_THREADS = Executors.newCachedThreadPool(task ->
            Thread.ofPlatform().name("retrain-cycle").daemon(true).unstarted(() -> {
                ThreadNice.lower(CYCLE_NICE);
                task.run();
            }));

    /** Runs a cycle on one of the cycle threads; the caller waits, and its interrupt interrupts the cycle. */
    static Result onCycleThread(java.util.function.Supplier<Result> run) {
        Future<Result> cycle = CYCLE_THREADS.submit(run::get);
        try {
            return cycle.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cycle.cancel(true);
            throw new IllegalStateException("interrupted while waiting for a cycle", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private Result execute(long runId, long projectId) {
        runs.started(runId);
        try {
            Result result = onCycleThread(() -> cycle.run(projectId, true));
            for (int waited = 0; result.outcome() == Outcome.BUSY && waited < 600; waited++) {
                Thread.sleep(100);
                result = onCycleThread(() -> cycle.run(projectId, true));
            }
            runs.finished(runId, result.outcome().name(), result.modelVersion(), result.message());
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            runs.finished(runId, "FAILED", null, "interrupted");
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            log.warn("Training run {} of project {} failed; the previous model and queue stay", runId, projectId, e);
            runs.finished(runId, "FAILED", null, String.valueOf(e.getMessage()));
            throw e;
        }
    }

    private boolean runLogged(long projectId, String trigger, boolean force) {
        try {
            Result result = onCycleThread(() -> cycle.run(projectId, force));
            if (result.outcome() == Outcome.TRAINED || result.outcome() == Outcome.SEEDED) {
                long runId = runs.queued(projectId, trigger);
                runs.finished(runId, result.outcome().name(), result.modelVersion(), result.message());
                return true;
            }
        } catch (RuntimeException e) {
            log.warn("Cycle of project {} failed; the previous model and queue stay; retrying at the next tick", projectId, e);
            long runId = runs.queued(projectId, trigger);
            runs.finished(runId, "FAILED", null, String.valueOf(e.getMessage()));
        }
        return false;
    }
}
