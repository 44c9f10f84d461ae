package io.labelloop.webhook.internal;

import io.labelloop.annotation.BudgetExhausted;
import io.labelloop.export.ExportReady;
import io.labelloop.training.ModelSummary;
import io.labelloop.training.ModelTrained;
import io.labelloop.training.ModelVersions;
import io.labelloop.webhook.WebhookEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the changes other modules announce into outbox rows, synchronously, inside the transaction that publishes
 * them (so they share its fate). {@code ITEM_LABELED} rows are written by a trigger on the labels table instead
 * ({@code db/migration/R__webhook_item_labeled.sql}), which also covers labels stored in a statement of their own.
 */
@Component
class OutboxWriter {

    private final WebhookStore store;
    private final ModelVersions versions;
    private final JsonMapper json;

    OutboxWriter(WebhookStore store, ModelVersions versions, JsonMapper json) {
        this.store = store;
        this.versions = versions;
        this.json = json;
    }

    @EventListener
    void on(ModelTrained event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("version", event.version());
        data.put("labelCount", event.labelCount());
        data.put("accuracy", event.accuracy());
        data.put("stopRecommended", event.stopRecommended());
        data.put("trainedAt", Instant.now().toString());
        store.enqueue(event.projectId(), WebhookEvent.MODEL_TRAINED, json.writeValueAsString(data));
        if (event.stopRecommended() && !previousRecommendedStopping(event)) {
            store.enqueue(event.projectId(), WebhookEvent.STOP_RECOMMENDED, json.writeValueAsString(Map.of(
                    "version", event.version(), "labelCount", event.labelCount())));
        }
    }

    @EventListener
    void on(ExportReady event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("jobId", event.jobId());
        data.put("format", event.format());
        data.put("rows", event.rows());
        data.put("bytes", event.bytes());
        data.put("file", "/api/v1/projects/" + event.projectId() + "/exports/" + event.jobId() + "/file");
        store.enqueue(event.projectId(), WebhookEvent.EXPORT_READY, json.writeValueAsString(data));
    }

    @EventListener
    void on(BudgetExhausted event) {
        store.enqueue(event.projectId(), WebhookEvent.BUDGET_EXHAUSTED, json.writeValueAsString(Map.of(
                "budget", event.budget(), "exhaustedAt", Instant.now().toString())));
    }

    /** Whether the version before this one recommended stopping already (the advice is announced once). */
    private boolean previousRecommendedStopping(ModelTrained event) {
        List<ModelSummary> all = versions.all(event.projectId());
        return all.stream().filter(m -> m.version() == event.version() - 1).anyMatch(ModelSummary::stopRecommended);
    }
}
