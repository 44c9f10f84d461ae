package io.labelloop.training.internal;

import io.labelloop.annotation.LabelQueries;
import io.labelloop.embedding.TextEmbeddings;
import io.labelloop.learning.ItemEncoder;
import io.labelloop.learning.TaskType;
import io.labelloop.learning.TextRepresentation;
import io.labelloop.item.ItemVectors;
import io.labelloop.item.ItemVectors.VectorSink;
import io.labelloop.learning.BatchSelector;
import io.labelloop.learning.CandidateWindow;
import io.labelloop.learning.ColdStartSelector;
import io.labelloop.learning.LabelModel;
import io.labelloop.learning.SelectedItem;
import io.labelloop.learning.SelectionOptions;
import io.labelloop.learning.StrategyName;
import io.labelloop.project.Project;
import io.labelloop.project.ProjectAccess;
import io.labelloop.quality.ConsensusService;
import io.labelloop.quality.SuspectedErrors;
import io.labelloop.learning.LabelErrors;
import io.labelloop.queue.QueueBoard;
import io.labelloop.queue.QueueEntryDraft;
import io.labelloop.queue.QueueReason;
import io.labelloop.training.ModelSummary;
import io.labelloop.training.TrainingSettings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * One retrain-and-score cycle of a project: encode new items, train on the labels so far,
 * evaluate honestly, score the pool (up to the candidate bound; a larger pool a rotating uniform window
 * of it, {@link CandidateWindow}) as a stream, and refill the queue with the strategy's
 * ranked batch (claims mix in the random holdout draws). Before the first model it seeds the queue with a
 * diverse cold-start sample. Everything is written at the end in one transaction, so a failed
 * cycle leaves the previous model and queue as they were.
 */
@Service
public class RetrainCycle {

    private static final Logger log = LoggerFactory.getLogger(RetrainCycle.class);
    private static final int WRITE_ATTEMPTS = 3;

    private final CycleLock locks;
    private final ProjectAccess projects;
    private final ItemVectors vectors;
    private final LabelQueries labels;
    private final QueueBoard queue;
    private final ModelStore models;
    private final ModelBuilder builder;
    private final CycleWriter writer;
    private final TrainingSettings settings;
    private final TextEmbeddings embeddings;
    private final ConsensusService consensus;
    private final CycleThrottle throttle;
    private final SuspectedErrors suspects;
    private final CycleMeters meters;
    private final LabelErrorCadence cadence;
    private final QueueHeadroom headroom;

    RetrainCycle(QueueHeadroom headroom, LabelErrorCadence cadence, CycleThrottle throttle, CycleLock locks, ProjectAccess projects, ItemVectors vectors, LabelQueries labels, QueueBoard queue,
            ModelStore models, ModelBuilder builder, CycleWriter writer, TrainingSettings settings,
            TextEmbeddings embeddings, ConsensusService consensus, SuspectedErrors suspects, CycleMeters meters) {
        this.meters = meters;
        this.headroom = headroom;
        this.cadence = cadence;
        this.embeddings = embeddings;
        this.throttle = throttle;
        this.suspects = suspects;
        this.locks = locks;
        this.consensus = consensus;
        this.projects = projects;
        this.vectors = vectors;
        this.labels = labels;
        this.queue = queue;
        this.models = models;
        this.builder = builder;
        this.writer = writer;
        this.settings = settings;
    }

    /** How a cycle ended. */
    public enum Outcome { TRAINED, SEEDED, NOTHING_TO_DO, BUSY, NOT_ENOUGH_LABELS }

    public record Result(Outcome outcome, Integer modelVersion, String message) {
    }

    /**
     * Runs a cycle if one is due ({@code force}: train whenever labels allow, as an API-requested
     * run does). Returns BUSY when another cycle of the project is running anywhere.
     */
    public Result run(long projectId, boolean force) {
        return run(projectId, force, false);
    }

    /** The same; with {@code fullPool} the cycle scores the whole pool whatever the candidate bound. */
    public Result run(long projectId, boolean force, boolean fullPool) {
        Result result = runOnce(projectId, force, fullPool);
        meters.ended(result.outcome());
        return result;
    }

    private Result runOnce(long projectId, boolean force, boolean fullPool) {
        CycleLock.Held lock = locks.tryAcquire(projectId);
        if (lock == null) {
            return new Result(Outcome.BUSY, null, "a cycle of this project is already running");
        }
        try (lock) {
            var timer = new PhaseTimer();
            Project project = projects.get(projectId);
            Optional<ModelSummary> latest = models.latest(projectId);
            if (!force && latest.isPresent()
                    && !due(project, latest.get(), labels.humanTrainingLabelCount(projectId))) {
                // decided from counters before anything is encoded or loaded: the usual tick ends here
                return new Result(Outcome.NOTHING_TO_DO, latest.get().version(), "nothing changed");
            }
            long pool = vectors.encodeMissingAndCount(projectId, project.taskType());
            timer.lap("encode");
            consensus.settle(project); // final labels of items with several judgments (Dawid-Skene)
            TextReading text = reading(project, latest);
            TrainingSet data = TrainingSet.load(projectId, labels, vectors, text.embeddings());
            timer.lap("loadLabels");
            if (data.classCount() < 2) {
                if (latest.isEmpty() && queue.available(projectId) < project.queue().batchSize()) {
                    return seed(project, data, text, pool);
                }
                return new Result(Outcome.NOT_ENOUGH_LABELS, null,
                        "training needs labels of at least two classes; there are " + data.classCount());
            }
            return trainAndScore(project, latest, data, text, timer, fullPool, force, pool);
        }
    }

    /**
     * Whether a TEXT project's items are read with their sentence embeddings this cycle: when its setting wants
     * them and every item has its vector, or, once a model has used them, while at least 90% have (items uploaded
     * since wait for theirs without sending the model back to n-grams for a cycle; they are not queued meanwhile).
     */
    private TextReading reading(Project project, Optional<ModelSummary> latest) {
        if (project.taskType() != TaskType.TEXT) {
            return TextReading.NONE;
        }
        TextEmbeddings.Readiness r = embeddings.readiness(project);
        var status = r.status();
        boolean before = latest.map(TextReading::readEmbeddings).orElse(false);
        boolean use = r.useEmbeddings() || r.setting().wantsEmbeddings() && before && status.total() > 0
                && status.done() >= 0.9 * status.total();
        return new TextReading(use, r.setting(), status.done(), status.total());
    }

    /**
     * Enough new human training labels since the latest model, or, with some new ones, its ranked batch used up
     * (claims are on the headroom behind it or on fallback entries) while the pool is not.
     */
    private boolean due(Project project, ModelSummary latest, long humanTrainingLabels) {
        if (humanTrainingLabels - latest.humanLabels() >= project.model().retrainEvery()) {
            return true;
        }
        if (project.taskType() == TaskType.TEXT && !TextReading.readEmbeddings(latest)
                && TextRepresentation.of(project.model().textRepresentation()).wantsEmbeddings()
                && embeddings.readiness(project).useEmbeddings()) {
            return true; // the embeddings just got ready: the next model may use them (the queue stays meanwhile)
        }
        return humanTrainingLabels > latest.humanLabels() && !queue.batchLeft(project.id(), project.queue().batchSize())
                && queue.poolHasUnqueuedItems(project.id());
    }

    /**
     * Seeds the queue before the first model from a uniform random sample of the pool: the cold-start selector keeps
     * a reservoir of {@link ColdStartSelector#DEFAULT_SAMPLE} items, so a pool over the candidate bound is read through
     * one window of it (the window of the labels so far, so a seed that comes again reads another), which is as
     * uniform a sample as the whole pool gives, at the cost of the window instead of the pool.
     */
    private Result seed(Project project, TrainingSet data, TextReading text, long pool) {
        int labelsSoFar = data.trainLabels().size() + data.holdoutLabels().size();
        CandidateWindow window = CandidateWindow.of(pool, settings.candidates(), labelsSoFar, project.id());
        List<QueueEntryDraft> drafts = coldStart(project, data, text, project.queue().batchSize(), Set.of(),
                queue.reservedItems(project.id()), window, pool);
        written(project.id(), () -> writer.replaceQueue(project, drafts));
        log.info("Project {}: seeded the queue with {} cold-start items", project.id(), drafts.size());
        return new Result(Outcome.SEEDED, null, "queued " + drafts.size() + " cold-start items");
    }

    /** A diverse cold-start sample of a window of the pool (null: the whole pool). */
    private List<QueueEntryDraft> coldStart(Project project, TrainingSet data, TextReading text, int count,
            Set<Long> exclude, Set<Long> leased, CandidateWindow window, long pool) {
        if (count <= 0) {
            return List.of();
        }
        var selector = new ColdStartSelector(project.taskType(), count);
        scan(project, data, text, window, pool, (id, encoded) -> {
            if (!leased.contains(id) && !exclude.contains(id)) {
                selector.offer(id, encoded);
            }
        });
        List<QueueEntryDraft> drafts = new ArrayList<>();
        for (SelectedItem s : selector.select()) {
            drafts.add(new QueueEntryDraft(s.itemId(), s.rank(), s.score(), QueueReason.COLD_START, false, null, null));
        }
        return drafts;
    }

    /** Streams the pool's unlabeled items, or those of a window of it. */
    private void scan(Project project, TrainingSet data, TextReading text, CandidateWindow window, long pool,
            VectorSink sink) {
        if (window == null || window.full()) {
            vectors.forEachExcept(project.id(), data.labeledIds(), text.embeddings(), sink);
        } else {
            vectors.forEachInSlots(project.id(), data.labeledIds(), text.embeddings(), window.slots(), pool, sink);
        }
    }

    /** Trains and scores; {@code pool} is the project's number of vectors, counted when the cycle encoded. */
    private Result trainAndScore(Project project, Optional<ModelSummary> latest, TrainingSet data, TextReading text,
            PhaseTimer timer, boolean fullPool, boolean requested, long pool) {
        long started = System.nanoTime();
        int version = latest.map(v -> v.version() + 1).orElse(1);
        CandidateWindow window = CandidateWindow.of(pool, fullPool ? 0 : settings.candidates(), version, project.id());
        Set<Long> leased = queue.reservedItems(project.id());
        List<byte[]> sample = new ArrayList<>();
        var stopDraw = new Reservoir<Long>(settings.stopSetSize(), project.id() + 7);
        for (var v : vectors.sample(project.id(), settings.poolSampleSize(), text.embeddings(), pool)) {
            if (!data.labeledIds().contains(v.itemId())) {
                sample.add(v.encoded());
                stopDraw.offer(v.itemId());
            }
        }
        timer.lap("samplePool");
        LabelModel previous = latest.map(v -> models.model(project.id(), v.version())).orElse(null);
        ModelBuilder.Built built = builder.train(project, data, sample, previous, pool,
                text.setting(), timer);
        long trainMillis = (System.nanoTime() - started) / 1_000_000;

        long scoring = System.nanoTime();
        int batch = project.queue().batchSize();
        int exploreCount = data.missingClasses(project.labels()).isEmpty() ? 0 : batch / 2;
        int strategyCount = Math.max(1, batch - exploreCount);
        var selector = BatchSelector.create(built.model(), project.queue().strategy(),
                SelectionOptions.ofBatch(strategyCount).withSeed(project.id() + version));
        data.trainItems().forEach(selector::addLabeled);
        long[] scored = {0};
        boolean needsEmbedding = built.model().choice().representation().usesEmbeddings();
        VectorSink offer = (id, encoded) -> {
            // an item whose embedding is not there yet waits for the next model rather than being ranked without it
            if (!leased.contains(id) && (!needsEmbedding || ItemEncoder.hasEmbedding(encoded))) {
                selector.offer(id, encoded);
                scored[0]++;
            }
        };
        throttle.refresh();
        boolean busy = throttle.busy();
        int threads = throttle.threads();
        if (threads >= 2) {
            try (var scorer = new PipelinedSink(offer)) {
                scan(project, data, text, window, pool, scorer);
            }
        } else {
            scan(project, data, text, window, pool, new PacedSink(offer, throttle));
        }
        timer.lap("scorePool");
        List<SelectedItem> selected = selector.select();
        timer.lap("selectBatch");
        Set<Long> taken = new HashSet<>(leased);
        selected.forEach(s -> taken.add(s.itemId()));
        List<QueueEntryDraft> explore = coldStart(project, data, text, exploreCount, taken, leased, window, pool);
        explore.forEach(x -> taken.add(x.itemId()));
        QueueHeadroom.Size room = headroom.size(project.id(), batch, timer.elapsedNanos());
        List<SelectedItem> next = selector.nextBest(room.entries(), taken);
        List<QueueEntryDraft> drafts = QueueMix.interleave(built.model(), version, project.id(), selected, explore, next,
                batch, vectors, text.embeddings());
        long scoreMillis = (System.nanoTime() - scoring) / 1_000_000;
        timer.lap("mixQueue");

        StopCheck stop = StopCheck.of(project.id(), built.model(), writer.stopSet(project.id()), stopDraw.items(), vectors,
                text.embeddings(), models);
        timer.lap("stopCheck");
        var scope = new CycleWriter.Scoring(scored[0], pool, fullPool ? 0 : settings.candidates(), window.full(),
                window.windows(), window.share(), busy, threads, next.size());
        written(project.id(), () -> writer.store(project, version, data, built, trainMillis, scoreMillis, scored[0], stop, drafts, timer,
                text.provenance(built.model().choice().representation()), scope));
        timer.lap("write");
        String flagged = flagSuspectedErrors(project, version, data, built, requested);
        timer.lap("labelErrors");
        meters.phases(timer);
        headroom.cycleTook(project.id(), timer.elapsedNanos());
        log.info("Project {}: model v{} on {} labels, {} accuracy {}, scored {} items of {} ({} windows{}), queued {} "
                        + "(headroom {} for {} labels/s over {} s), {}; phases (ms) {}",
                project.id(), version, data.trainLabels().size(), built.evaluation().method(),
                String.format("%.3f", built.evaluation().accuracy()), scored[0], pool, window.windows(),
                busy ? ", annotators active: " + threads + " thread" : "", drafts.size(), next.size(),
                String.format("%.0f", room.labelsPerSecond()), String.format("%.1f", room.cycleSeconds()), flagged,
                timer.millis());
        return new Result(Outcome.TRAINED, version, "model version " + version);
    }

    /**
     * Label-error detection after the model is stored (the queue is refilled already), when {@link LabelErrorCadence}
     * says it is due: confident learning on out-of-fold probabilities of the training labels (at most
     * {@link LabelErrors#MAX_ITEMS}, {@link LabelErrors#FOLDS} fits, pausing after each for the cycle's share of the
     * cores like scoring) and the model's own on the holdout labels; the flags replace the project's suspected errors,
     * and the model's labels are kept as its votes in the next consensus. Otherwise the flags and votes of the last
     * run stay (a review or a changed label still clears its entry). Returns what it did, for the log.
     */
    private String flagSuspectedErrors(Project project, int version, TrainingSet data, ModelBuilder.Built built,
            boolean requested) {
        int labels = data.trainLabels().size() + data.holdoutLabels().size();
        LabelErrorCadence.Decision due = cadence.decide(project.id(), labels, requested);
        if (!due.run()) {
            cadence.skipped(project.id(), version, due, labels);
            return "label errors not due (flags of v" + due.last().orElseThrow().version() + ", next at " + due.dueAt()
                    + " labels)";
        }
        long started = System.nanoTime();
        List<Long> ids = new ArrayList<>(data.trainIds());
        ids.addAll(data.holdoutIds());
        LabelErrors.Result r = LabelErrors.find(built.trainer(), built.model(), data.trainItems(), data.trainLabels(),
                data.holdoutItems(), data.holdoutLabels(), project.id() + version, throttle::pause);
        List<SuspectedErrors.Suspect> found = new ArrayList<>();
        for (LabelErrors.Flag f : r.flags()) {
            String given = f.index() < data.trainLabels().size() ? data.trainLabels().get(f.index())
                    : data.holdoutLabels().get(f.index() - data.trainLabels().size());
            found.add(new SuspectedErrors.Suspect(ids.get(f.index()), given, r.classes().get(f.suggested()), f.score()));
        }
        consensus.rememberModelVotes(project, version, r.votes().stream()
                .map(v -> new ConsensusService.ModelVote(ids.get(v.index()), r.classes().get(v.label()))).toList());
        int kept = suspects.replace(project.id(), version, found);
        cadence.ran(project.id(), version, due.trigger(), labels, r.itemsUsed(), r.folds(), kept,
                (System.nanoTime() - started) / 1_000_000);
        return kept + " suspected label errors";
    }

    /**
     * Runs the cycle's write (queue refill, then the model's transaction), again if PostgreSQL aborted a statement
     * to break a deadlock: a label batch deleting several entries may hold one the refill wants and wait for
     * another. The refill is idempotent and the model's transaction short; what the cycle computed stays valid.
     * (ModelTrained listeners run after the model's commit only.)
     */
    private void written(long projectId, Runnable write) {
        for (int attempt = 1; ; attempt++) {
            try {
                write.run();
                return;
            } catch (PessimisticLockingFailureException e) {
                if (attempt == WRITE_ATTEMPTS) {
                    throw e;
                }
                log.info("Project {}: the cycle's write lost a lock conflict ({}); writing again", projectId,
                        e.getMostSpecificCause().getMessage());
            }
        }
    }
}
