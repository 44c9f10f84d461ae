package io.labelloop.training.web;

import io.labelloop.annotation.LabelQueries;
import io.labelloop.annotation.LabelQueries.HumanLabel;
import io.labelloop.item.ItemCounts;
import io.labelloop.item.ItemQueries;
import io.labelloop.learning.LabelModel;
import io.labelloop.project.Project;
import io.labelloop.project.ProjectAccess;
import io.labelloop.security.AuthenticatedUser;
import io.labelloop.shared.ApiException;
import io.labelloop.training.ModelPredictions;
import io.labelloop.training.ModelSummary;
import io.labelloop.training.internal.ModelStore;
import io.labelloop.training.internal.RetrainCycle.Outcome;
import io.labelloop.training.internal.RetrainCycle.Result;
import io.labelloop.training.internal.TrainingRuns;
import io.labelloop.training.internal.TrainingScheduler;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1/projects/{id}")
@Tag(name = "Models and training")
class TrainingController {

    private final ProjectAccess access;
    private final TrainingScheduler scheduler;
    private final TrainingRuns runs;
    private final ModelStore models;
    private final LabelQueries labels;
    private final ItemCounts items;
    private final ItemQueries itemQueries;
    private final ModelPredictions predictions;

    TrainingController(ProjectAccess access, TrainingScheduler scheduler, TrainingRuns runs, ModelStore models,
            LabelQueries labels, ItemCounts items, ItemQueries itemQueries, ModelPredictions predictions) {
        this.predictions = predictions;
        this.access = access;
        this.scheduler = scheduler;
        this.runs = runs;
        this.models = models;
        this.labels = labels;
        this.items = items;
        this.itemQueries = itemQueries;
    }

    @PostMapping("/training-runs")
    @Operation(summary = "Train, evaluate and score now: 202 with a runId, or with ?wait=true 200 with the new model version; "
            + "409 when fewer than two classes are labeled")
    ResponseEntity<Object> train(@PathVariable long id, @RequestParam(defaultValue = "false") boolean wait,
            @AuthenticationPrincipal AuthenticatedUser me) {
        access.requireManage(id, me);
        Set<String> classes = new HashSet<>(items.importedLabelClasses(id));
        labels.humanLabels(id).stream().filter(h -> !h.holdout()).map(HumanLabel::label).forEach(classes::add);
        if (classes.size() < 2) {
            throw ApiException.conflict("nothing to train on: labels of at least two classes are needed, there are "
                    + classes.size());
        }
        if (!wait) {
            return ResponseEntity.accepted().body(Map.of("runId", scheduler.request(id)));
        }
        Result result = scheduler.runNow(id);
        if (result.outcome() != Outcome.TRAINED) {
            throw ApiException.conflict(result.message());
        }
        return ResponseEntity.ok(models.latest(id).orElseThrow());
    }

    @GetMapping("/training-runs/{runId}")
    TrainingRuns.Run run(@PathVariable long id, @PathVariable long runId, @AuthenticationPrincipal AuthenticatedUser me) {
        access.requireView(id, me);
        return runs.find(id, runId).orElseThrow(() -> ApiException.notFound("training run", runId));
    }

    @GetMapping("/models")
    @Operation(summary = "Model versions, oldest first, with metrics, timings and provenance")
    List<ModelSummary> models(@PathVariable long id, @AuthenticationPrincipal AuthenticatedUser me) {
        access.requireView(id, me);
        return models.all(id);
    }

    @PostMapping("/predictions")
    @Operation(summary = "Predict items (as in upload, without label) with the latest model; nothing is stored; 409 before the first model")
    List<Predicted> predict(@PathVariable long id, @RequestBody JsonNode body, @AuthenticationPrincipal AuthenticatedUser me) {
        Project project = access.requireView(id, me);
        List<PredictionItems.Item> items = PredictionItems.read(body, project.taskType(), itemQueries.featureNames(id));
        ModelSummary latest = models.latest(id).orElseThrow(() -> ApiException.conflict("the project has no model yet"));
        LabelModel model = models.model(id, latest.version());
        var scorer = model.scorer();
        List<byte[]> encoded = predictions.readable(model, items.stream().map(PredictionItems.Item::encoded).toList(),
                items.stream().map(PredictionItems.Item::text).toList());
        List<Predicted> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            var p = ModelPredictions.asPrediction(model, scorer.predict(encoded.get(i)));
            out.add(new Predicted(items.get(i).externalId(), p.label(), p.confidence(), p.probabilities(), latest.version()));
        }
        return out;
    }

    /** One item's prediction as {@code POST /predictions} answers it. */
    record Predicted(String externalId, String label, double confidence, Map<String, Double> probabilities, int modelVersion) {
    }
}
