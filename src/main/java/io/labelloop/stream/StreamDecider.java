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
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decides for one arriving item (stream-based selective sampling): stored in every case, scored at
 * once with the latest model; at or above the project's threshold it is auto-labeled, below it is
 * queued for a human while the budget (counting stream items already waiting) allows, else not
 * queued. Before the first model everything is queued. The threshold is the fixed
 * {@code autoLabelThreshold}, or the per-class thresholds calibrated for the target accuracy. The rules
 * themselves are plain functions in {@link StreamPolicy}; decisions are kept by {@link StreamDecisions}.
 */
@Service
public class StreamDecider {

    private final ItemIntake intake;
    private final ItemVectors vectors;
    private final ModelPredictions models;
    private final AutoLabels autoLabels;
    private final LabelBudget budget;
    private final QueueBoard queue;
    private final StreamDecisions decisions;
    private final JsonMapper mapper;
    private final BudgetPacing pacing;
    private final LabelQueries labels;

    StreamDecider(ItemIntake intake, ItemVectors vectors, ModelPredictions models, AutoLabels autoLabels,
            LabelBudget budget, QueueBoard queue, StreamDecisions decisions, JsonMapper mapper, BudgetPacing pacing,
            LabelQueries labels) {
        this.pacing = pacing;
        this.labels = labels;
        this.intake = intake;
        this.vectors = vectors;
        this.models = models;
        this.autoLabels = autoLabels;
        this.budget = budget;
        this.queue = queue;
        this.decisions = decisions;
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
        Optional<StreamDecision> earlier = decisions.earlier(stored.itemId(), stored.externalId());
        if (earlier.isPresent()) {
            return earlier.get();
        }
        byte[] encoded = vectors.ensure(project.id(), stored.itemId(), project.taskType());
        Optional<Scored> scored = models.score(project.id(), encoded, textOf(project, item));
        StreamDecision decision;
        boolean audit = false;
        if (holdoutDue(project) && budgetAllowsAnother(project, StreamPolicy.auditReserve(project))) {
            decision = askHuman(project, stored, scored, true);
        } else if (scored.isPresent() && StreamPolicy.confidentEnough(project, scored.get())) {
            Scored s = scored.get();
            autoLabels.record(project.id(), stored.itemId(), s.label(), s.confidence(), s.modelVersion());
            decision = new StreamDecision(stored.itemId(), stored.externalId(), Decision.AUTO_LABELED, s.label(),
                    s.confidence(), s.modelVersion());
            audit = StreamPolicy.drawnForAudit(project, stored.itemId()) && budgetAllowsAnother(project, 0);
            if (audit) {
                queue.enqueueForAudit(project.id(), stored.itemId(), s.modelVersion(), predictionJson(s));
            }
        } else if (pacingAllows(project, scored) && budgetAllowsAnother(project, StreamPolicy.auditReserve(project))) {
            decision = askHuman(project, stored, scored, false);
        } else {
            decision = decision(stored, Decision.NOT_QUEUED, scored);
        }
        decisions.record(project.id(), decision, audit);
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
        return StreamPolicy.holdoutDue(share, asked, held);
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

    private static StreamDecision decision(ItemIntake.Stored stored, Decision d, Optional<Scored> scored) {
        return new StreamDecision(stored.itemId(), stored.externalId(), d, scored.map(Scored::label).orElse(null),
                scored.map(Scored::confidence).orElse(null), scored.map(Scored::modelVersion).orElse(null));
    }

    private String predictionJson(Scored s) {
        return mapper.writeValueAsString(s.asPrediction());
    }

}
