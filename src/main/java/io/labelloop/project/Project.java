package io.labelloop.project;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.labelloop.learning.TaskType;
import java.time.Instant;
import java.util.List;

/**
 * A project as the API and other modules see it: its settings with every default filled in, one
 * record per capability (unwrapped in JSON: every setting is a top-level field).
 */
public record Project(
        long id,
        String name,
        TaskType taskType,
        List<String> labels,
        @JsonUnwrapped QueueSettings queue,
        @JsonUnwrapped ModelSettings model,
        @JsonUnwrapped AutoLabelSettings autoLabel,
        @JsonUnwrapped StreamSettings stream,
        @JsonUnwrapped SynthesisSettings synthesis,
        @JsonUnwrapped LabelingPageSettings labelingPage,
        @JsonUnwrapped TeamSettings team,
        Instant createdAt,
        Instant updatedAt) {

    /** The project's settings as a lead would send them back unchanged. */
    public ProjectSettings settings() {
        return new ProjectSettings(name, taskType, labels, queue, model, autoLabel, stream, synthesis, labelingPage, team);
    }

    public boolean hasLabel(String label) {
        return labels.contains(label);
    }
}
