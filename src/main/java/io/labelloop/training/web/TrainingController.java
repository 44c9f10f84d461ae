package io.labelloop.training.web;

import io.labelloop.project.Project;
import io.labelloop.project.ProjectAccess;
import io.labelloop.security.AuthenticatedUser;
import io.labelloop.shared.ApiException;
import io.labelloop.training.ModelSummary;
import io.labelloop.training.internal.AdHocPredictions;
import io.labelloop.training.internal.AdHocPredictions.Predicted;
import io.labelloop.training.internal.ModelStore;
import io.labelloop.training.internal.TrainingRequests;
import io.labelloop.training.internal.TrainingRuns;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
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

/** Training runs, model versions and predictions over HTTP: access checks here, the work in {@code training.internal}. */
@RestController
@RequestMapping("/api/v1/projects/{id}")
@Tag(name = "Models and training")
class TrainingController {

    private final ProjectAccess access;
    private final TrainingRequests requests;
    private final TrainingRuns runs;
    private final ModelStore models;
    private final AdHocPredictions predictions;

    TrainingController(ProjectAccess access, TrainingRequests requests, TrainingRuns runs, ModelStore models,
            AdHocPredictions predictions) {
        this.access = access;
        this.requests = requests;
        this.runs = runs;
        this.models = models;
        this.predictions = predictions;
    }

    @PostMapping("/training-runs")
    @Operation(summary = "Train, evaluate and score now: 202 with a runId, or with ?wait=true 200 with the new model version; "
            + "409 when fewer than two classes are labeled")
    ResponseEntity<Object> train(@PathVariable long id, @RequestParam(defaultValue = "false") boolean wait,
            @AuthenticationPrincipal AuthenticatedUser me) {
        access.requireManage(id, me);
        if (!wait) {
            return ResponseEntity.accepted().body(Map.of("runId", requests.queue(id)));
        }
        return ResponseEntity.ok(requests.trainNow(id));
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
        return predictions.predict(project, body);
    }
}
