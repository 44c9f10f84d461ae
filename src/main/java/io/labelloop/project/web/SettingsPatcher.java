package io.labelloop.project.web;

import io.labelloop.project.Project;
import io.labelloop.project.ProjectSettings;
import io.labelloop.shared.ApiException;
import io.labelloop.shared.ApiException.FieldProblem;
import io.labelloop.shared.web.ProblemDetailsAdvice;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Merges a JSON merge-patch (RFC 7396 style: a field set to null clears it) onto a project's
 * current settings and validates the result with the same rules as creation.
 */
@Component
class SettingsPatcher {

    private static final Set<String> FIELDS = Set.of("name", "taskType", "labels", "budget", "strategy", "batchSize",
            "retrainEvery", "autoLabelThreshold", "autoLabelTargetAccuracy", "holdoutFraction", "synthesisEnabled",
            "stopped", "auditFraction", "streamLabelingShare", "synthesisMaxShare", "synthesisAllowFlips",
            "trainingAugmentation", "labelKeys", "imageWidth", "modelFamily");

    private final JsonMapper mapper;
    private final Validator validator;

    SettingsPatcher(JsonMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    ProjectSettings merge(Project current, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw ApiException.badRequest("a PATCH body must be a JSON object of settings");
        }
        for (String field : patch.propertyNames()) {
            if (!FIELDS.contains(field)) {
                throw ApiException.invalid(field, "unknown setting");
            }
        }
        ObjectNode merged = mapper.valueToTree(current);
        merged.retain(FIELDS);
        merged.setAll((ObjectNode) patch);
        ProjectSettings settings;
        try {
            settings = mapper.treeToValue(merged, ProjectSettings.class);
        } catch (MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? "body" : e.getPath().getFirst().getPropertyName();
            String message = ProblemDetailsAdvice.describe(e);
            throw new ApiException(org.springframework.http.HttpStatus.BAD_REQUEST, "Bad request",
                    field + ": " + message, List.of(new FieldProblem(field, message)));
        } catch (JacksonException e) {
            throw ApiException.badRequest("the PATCH body is not valid: " + e.getOriginalMessage());
        }
        Set<ConstraintViolation<ProjectSettings>> violations = validator.validate(settings);
        if (!violations.isEmpty()) {
            throw ApiException.invalid(violations.stream()
                    .map(v -> new FieldProblem(v.getPropertyPath().toString(), v.getMessage()))
                    .sorted(Comparator.comparing(FieldProblem::field))
                    .toList());
        }
        return settings;
    }
}
