package io.labelloop.stream;

import io.labelloop.annotation.AutoLabels;
import io.labelloop.annotation.LabelBudget;
import io.labelloop.annotation.LabelQueries;
import io.labelloop.item.ItemIntake;
import io.labelloop.item.ItemVectors;
import io.labelloop.project.Project;
import io.labelloop.queue.QueueBoard;
import io.labelloop.stream.StreamDecision.Decision;
import io.labelloop.training.ModelPredictions;
import io.labelloop.training.ModelPredictions.Scored;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decides for one arriving item (stream-based selective sampling): stored in every case, scored at
 * once with the latest model; at or above the project's threshold it is auto-labeled, below it is
 * queued for a human while the budget (counting stream items already waiting) allows, else not
 * queued. Before the first model everything is queued. The threshold is the fixed
 * {@code autoLabelThreshold}, or the per-class thresholds calibrated for the target accuracy.
 */
@Service
public class StreamDecider {

    private final ItemIntake intake;
    private final ItemVectors vectors;
    private final ModelPredictions models;
    private final AutoLabels autoLabels;
    private final LabelBudget budget;
    private final QueueBoard queue;
    private final JdbcClient jdbc;
    private final JsonMapper mapper;
    private final BudgetPacing pacing;
    private final LabelQueries labels;

    StreamDecider(ItemIntake intake, ItemVectors vectors, ModelPredictions models, AutoLabels autoLabels,
            LabelBudget budget, QueueBoard queue, JdbcClient jdbc, JsonMapper mapper, BudgetPacing pacing,
            LabelQueries labels) {
        this.pacing = pacing;
        this.labels = labels;
        this.intake = intake;
        this.vectors = vectors;
        this.models = models;
        this.autoLabels = autoLabels;
        this.budget = budget;
        this.queue = queue;
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    /** A TEXT item's text (embedded on the fly when the model reads embeddings), else null. */
    private static String textOf(Project project, JsonNode item) {
        JsonNode text = item.get("text");
        return project.taskType() == io.labelloop.learning.TaskType.TEXT && text != null && text.isString()
                ? text.asString() : null;
    }

    @Transactional
    public StreamDecision decide(Project project, JsonNode item) {
        ItemIntake.Stored stored = intake.store(project, item);
        Optional<StreamDecision> earlier = earlier(stored);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        byte[] encoded = vectors.ensure(project.id(), stored.itemId(), project.taskType());
        Optional<Scored> scored = models.score(project.id(), encoded, textOf(project, item));
        StreamDecision decision;
        boolean audit = false;
        if (holdoutDue(project) && budgetAllowsAnother(project, auditReserve(project))) {
            decision = askHuman(project, stored, scored, true);
        } else if (scored.isPresent() && confidentEnough(project, scored.get())) {
            Scored s = scored.get();
            autoLabels.record(project.id(), stored.itemId(), s.label(), s.confidence(), s.modelVersion());
            decision = new StreamDecision(stored.itemId(), stored.externalId(), Decision.AUTO_LABELED, s.label(),
                    s.confidence(), s.modelVersion());
            audit = drawnForAudit(project, stored.itemId()) && budgetAllowsAnother(project, 0);
            if (audit) {
                queue.enqueueForAudit(project.id(), stored.itemId(), s.modelVersion(), predictionJson(s));
            }
        } else if (pacingAllows(project, scored) && budgetAllowsAnother(project, auditReserve(project))) {
            decision = askHuman(project, stored, scored, false);
        } else {
            decision = decision(stored, Decision.NOT_QUEUED, scored);
        }
        jdbc.sql("""
                insert into stream_decisions (item_id, project_id, decision, label, confidence, model_version, audit)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(stored.itemId(), project.id(), decision.decision().name(), decision.label(), decision.confidence(),
                        decision.modelVersion(), audit)
                .update();
        return decision;
    }

    /** Queues the item for a human (for the holdout, or because the model is unsure) and says so. */
    private StreamDecision askHuman(Project project, ItemIntake.Stored stored, Optional<Scored> scored, boolean holdout) {
        queue.enqueueFromStream(project.id(), stored.itemId(), scored.map(s -> 1 - s.confidence()).orElse(1.0),
                scored.map(Scored::modelVersion).orElse(null), scored.map(this::predictionJson).orElse(null), holdout);
        return decision(stored, Decision.QUEUED, scored);
    }

    /**
     * Whether the next arriving item goes to a human for the holdout: the holdout keeps its share
     * ({@code holdoutFraction}) of the human labels asked for on this project, counting stream items still
     * waiting. The draw depends only on arrival order, never on the item or the model, so the holdout is an
     * unbiased sample of the stream: what evaluation and the auto-label calibration need (without it a
     * stream-only project would never get the holdout labels that calibration requires).
     */
    private boolean holdoutDue(Project project) {
        double share = project.queue().holdoutFraction();
        if (share <= 0) {
            return false;
        }
        LabelQueries.Counts labeled = labels.counts(project.id());
        QueueBoard.StreamAsks waiting = queue.streamAsks(project.id());
        long asked = labeled.humanLabeledItems() + waiting.waiting();
        long held = labeled.holdoutItems() + waiting.holdout();
        return held < share * (asked + 1);
    }

    /** A reproducible uniform draw per item (a hash of its id), so the audit sample is random and unbiased. */
    static boolean drawnForAudit(Project project, long itemId) {
        long h = itemId * 0x9E3779B97F4A7C15L;
        h ^= h >>> 31;
        double u = (h >>> 11) * 0x1.0p-53;
        return u < project.autoLabel().auditFraction();
    }

    private static boolean confidentEnough(Project project, Scored s) {
        return confidentEnough(project, s.classThresholds(), s.label(), s.confidence());
    }

    /**
     * The auto-label rule, for the stream and for propagation: at or above the fixed threshold, or the
     * predicted class's calibrated threshold for a target accuracy; never without either.
     */
    static boolean confidentEnough(Project project, Map<String, Double> classThresholds, String label, double confidence) {
        if (project.autoLabel().autoLabelThreshold() != null) {
            return confidence >= project.autoLabel().autoLabelThreshold();
        }
        if (project.autoLabel().autoLabelTargetAccuracy() != null && classThresholds != null) {
            Double threshold = classThresholds.get(label);
            return threshold != null && confidence >= threshold;
        }
        return false;
    }

    /** With a stream labeling share, the pacing rule decides whether this unsure item is worth a human now. */
    private boolean pacingAllows(Project project, Optional<Scored> scored) {
        return project.stream().streamLabelingShare() == null
                || pacing.ask(project.id(), project.stream().streamLabelingShare(), scored.map(Scored::confidence).orElse(null));
    }

    /** Under the budget lock: human labels spent plus stream items already waiting for a human. */
    private boolean budgetAllowsAnother(Project project, long reserved) {
        if (project.queue().budget() == null) {
            return true;
        }
        int used = budget.lock(project.id()).used();
        return used + queue.streamAsks(project.id()).waiting() < project.queue().budget() - reserved;
    }

    /**
     * Budget kept for audits when the model may label on its own: the audit share of the budget (at least
     * one label), which only audits may spend, so the realized accuracy can still be measured after the
     * uncertain items have used up the rest.
     */
    static long auditReserve(Project project) {
        boolean autoLabels = project.autoLabel().autoLabelThreshold() != null || project.autoLabel().autoLabelTargetAccuracy() != null;
        if (project.queue().budget() == null || !autoLabels || project.autoLabel().auditFraction() <= 0) {
            return 0;
        }
        return Math.max(1, (long) Math.ceil(project.autoLabel().auditFraction() * project.queue().budget()));
    }

    private static StreamDecision decision(ItemIntake.Stored stored, Decision d, Optional<Scored> scored) {
        return new StreamDecision(stored.itemId(), stored.externalId(), d, scored.map(Scored::label).orElse(null),
                scored.map(Scored::confidence).orElse(null), scored.map(Scored::modelVersion).orElse(null));
    }

    private String predictionJson(Scored s) {
        return mapper.writeValueAsString(s.asPrediction());
    }

    private Optional<StreamDecision> earlier(ItemIntake.Stored stored) {
        return jdbc.sql("select decision, label, confidence, model_version from stream_decisions where item_id = ?")
                .param(stored.itemId())
                .query((rs, n) -> {
                    double c = rs.getDouble(3);
                    Double confidence = rs.wasNull() ? null : c;
                    int v = rs.getInt(4);
                    Integer version = rs.wasNull() ? null : v;
                    return new StreamDecision(stored.itemId(), stored.externalId(), Decision.valueOf(rs.getString(1)),
                            rs.getString(2), confidence, version);
                })
                .optional();
    }
}
