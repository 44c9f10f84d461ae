package io.labelloop.project;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.labelloop.learning.TaskType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Objects;

/**
 * Everything a lead sets on a project, as created (POST) or after a PATCH is applied: what the
 * project is (name, task type, labels) and one record per capability. In JSON the capability records
 * are unwrapped, so every setting is a top-level field as {@code API.md} specifies. Null values take
 * the service defaults on creation (each record's {@code withDefaults()}).
 *
 * <p>Adding a setting: a component (with its constraints and default) in the record of its
 * capability, a column in a migration, a line in the form template and its two messages
 * (docs/code-health.md, "Where a setting goes").
 */
public record ProjectSettings(
        @NotBlank @Size(max = 200) String name,
        @NotNull TaskType taskType,
        @NotNull @Size(min = 2, max = 1000, message = "must name 2 to 1000 labels")
        List<@NotBlank(message = "must not be blank") @Size(max = 200) String> labels,
        @JsonUnwrapped @Valid QueueSettings queue,
        @JsonUnwrapped @Valid ModelSettings model,
        @JsonUnwrapped @Valid AutoLabelSettings autoLabel,
        @JsonUnwrapped @Valid StreamSettings stream,
        @JsonUnwrapped @Valid SynthesisSettings synthesis,
        @JsonUnwrapped @Valid LabelingPageSettings labelingPage,
        @JsonUnwrapped @Valid TeamSettings team) {

    /** A capability left out entirely reads as all its values left out. */
    public ProjectSettings {
        queue = Objects.requireNonNullElse(queue, QueueSettings.UNSET);
        model = Objects.requireNonNullElse(model, ModelSettings.UNSET);
        autoLabel = Objects.requireNonNullElse(autoLabel, AutoLabelSettings.UNSET);
        stream = Objects.requireNonNullElse(stream, StreamSettings.UNSET);
        synthesis = Objects.requireNonNullElse(synthesis, SynthesisSettings.UNSET);
        labelingPage = Objects.requireNonNullElse(labelingPage, LabelingPageSettings.UNSET);
        team = Objects.requireNonNullElse(team, TeamSettings.UNSET);
    }

    /** The same settings with service defaults filled in where the caller left a value out. */
    public ProjectSettings withDefaults() {
        return new ProjectSettings(name, taskType, labels, queue.withDefaults(), model.withDefaults(),
                autoLabel.withDefaults(), stream.withDefaults(), synthesis.withDefaults(), labelingPage.withDefaults(),
                team.withDefaults());
    }

    /** A new project's settings before a lead changes any: the defaults. */
    public static ProjectSettings defaults(TaskType taskType) {
        return new ProjectSettings(null, taskType, List.of(), null, null, null, null, null, null, null).withDefaults();
    }
}
