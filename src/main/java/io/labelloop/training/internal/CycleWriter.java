package io.labelloop.training.internal;

import io.labelloop.embedding.NearDuplicates;
import io.labelloop.learning.Evaluation;
import io.labelloop.learning.ModelMetadata;
import io.labelloop.project.Project;
import io.labelloop.queue.QueueBoard;
import io.labelloop.queue.QueueEntryDraft;
import io.labelloop.training.ModelTrained;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes what a cycle produced: the queue refill first, in short statements of its own that claims never wait for
 * ({@link QueueBoard#replace}), then stop set, model version and event in one transaction, so the event's
 * listeners (synthesis, propagation, webhooks) see the new queue.
 */
@Component
class CycleWriter {

    private final JdbcClient jdbc;
    private final ModelStore models;
    private final QueueBoard queue;
    private final ApplicationEventPublisher events;
    private final NearDuplicates nearDuplicates;

    private final TransactionTemplate transaction;

    CycleWriter(JdbcClient jdbc, ModelStore models, QueueBoard queue, ApplicationEventPublisher events,
            PlatformTransactionManager transactions, NearDuplicates nearDuplicates) {
        this.transaction = new TransactionTemplate(transactions);
        this.nearDuplicates = nearDuplicates;
        this.jdbc = jdbc;
        this.models = models;
        this.queue = queue;
        this.events = events;
    }

    /** A queue without a model (the cold start): the refill alone. */
    void replaceQueue(Project project, List<QueueEntryDraft> drafts) {
        queue.replace(project.id(), nearDuplicates.withoutNearDuplicates(project, drafts));
    }

    List<Long> stopSet(long projectId) {
        return jdbc.sql("select item_id from stop_set_items where project_id = ? order by item_id")
                .param(projectId).query(Long.class).list();
    }

    void store(Project project, int version, TrainingSet data, ModelBuilder.Built built, long trainMillis, long scoreMillis,
            long scored, StopCheck stop, List<QueueEntryDraft> drafts, PhaseTimer timer, Map<String, Object> text,
            Scoring scoring) {
        queue.replace(project.id(), nearDuplicates.withoutNearDuplicates(project, drafts));
        transaction.executeWithoutResult(status -> storeModel(project, version, data, built, trainMillis, scoreMillis, scored,
                stop, timer, text, scoring));
    }

    private void storeModel(Project project, int version, TrainingSet data, ModelBuilder.Built built, long trainMillis,
            long scoreMillis, long scored, StopCheck stop, PhaseTimer timer, Map<String, Object> text, Scoring scoring) {
        for (long itemId : stop.newStopSet()) {
            jdbc.sql("insert into stop_set_items (project_id, item_id) values (?, ?) on conflict do nothing")
                    .params(project.id(), itemId).update();
        }
        ModelMetadata meta = built.model().metadata();
        models.insert(new ModelStore.NewVersion(project.id(), version, data.trainLabels().size(), data.humanLabels(),
                meta.algorithm(), metrics(built.evaluation(), meta), provenance(meta, timer, built, text, scoring), trainMillis, scoreMillis, scored, stop.kappa(),
                stop.stop(), stop.predictions(), built.thresholds(), built.model()));
        events.publishEvent(new ModelTrained(project.id(), version, data.trainLabels().size(),
                built.evaluation().accuracy(), stop.stop()));
    }

    /**
     * What a cycle scored, for the model's provenance: {@code scored} of the {@code pool}'s items, the candidate bound
     * (0: none), whether that was the whole pool, the windows the pool is cut into and the share one is, and whether
     * annotators were active, with the scoring threads that left; {@code headroom}: the next-best picks queued behind
     * the batch ({@link QueueHeadroom}).
     */
    record Scoring(long scored, long pool, int candidateBound, boolean wholePool, int windows, double share,
            boolean annotatorsActive, int threads, int headroom) {}

    private static Map<String, Object> provenance(ModelMetadata meta, PhaseTimer timer, ModelBuilder.Built built,
            Map<String, Object> text, Scoring scoring) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("scoring", scoring);
        p.put("model", meta);
        p.put("cycleMillis", timer.millis());
        p.put("family", FamilyJson.of(built.model().choice()));
        if (text != null) {
            p.put("text", text);
        }
        return p;
    }

    private static Map<String, Object> metrics(Evaluation e, ModelMetadata meta) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accuracy", e.accuracy());
        m.put("macroF1", e.macroF1());
        m.put("evaluatedOn", e.evaluatedOn());
        m.put("method", e.method().name());
        m.put("folds", e.folds());
        m.put("perClass", e.perClass());
        m.put("classes", e.classes());
        m.put("confusion", e.confusion());
        m.put("eceBeforeScaling", meta.eceBeforeScaling());
        m.put("eceAfterScaling", meta.eceAfterScaling());
        if (e.holdout() != null) {
            var h = e.holdout();
            Map<String, Object> holdout = new LinkedHashMap<>();
            holdout.put("accuracy", h.accuracy());
            holdout.put("low95", h.low95());
            holdout.put("high95", h.high95());
            holdout.put("interval", io.labelloop.learning.HoldoutAccuracy.INTERVAL);
            holdout.put("evaluatedOn", h.evaluatedOn());
            holdout.put("correct", h.correct());
            m.put("holdout", holdout);
        }
        return m;
    }
}
