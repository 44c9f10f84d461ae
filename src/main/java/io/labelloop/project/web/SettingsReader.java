package io.labelloop.project.web;

import io.labelloop.project.LabelDescriptions;
import io.labelloop.project.LabelKeys;
import io.labelloop.project.Project;
import io.labelloop.project.ProjectSettings;
import io.labelloop.shared.ApiException;
import io.labelloop.shared.ApiException.FieldProblem;
import io.labelloop.shared.web.ProblemDetailsAdvice;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one way settings come in, whatever page or call they came through: a JSON object of top-level
 * fields (the capability records of {@link ProjectSettings} are unwrapped) read by Jackson and checked
 * by the constraints on the records. The API's POST and PATCH (a JSON merge-patch, RFC 7396 style: a
 * field set to null clears it) and the settings form (its fields are the same names as text) all read
 * through here, so a setting added to a record is known to every one of them.
 */
@Component
class SettingsReader {

    /** The JSON field names of the settings, in record order, derived from {@link ProjectSettings}. */
    static final Set<String> FIELDS = fieldNames();
    /** Components of {@link ProjectSettings} that group settings: the records (unwrapped in JSON). */
    private static final Set<String> GROUPS = Arrays.stream(ProjectSettings.class.getRecordComponents())
            .filter(c -> c.getType().isRecord()).map(RecordComponent::getName)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private final JsonMapper mapper;
    private final Validator validator;

    SettingsReader(JsonMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    /** The settings a PATCH leaves: the current ones with the patch's fields replaced, validated. */
    ProjectSettings merge(Project current, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw ApiException.badRequest("a PATCH body must be a JSON object of settings");
        }
        for (String field : patch.propertyNames()) {
            if (!FIELDS.contains(field)) {
                throw ApiException.invalid(field, "unknown setting");
            }
        }
        ObjectNode merged = toJson(current.settings());
        merged.setAll((ObjectNode) patch);
        return validate(read(merged));
    }

    /** Fails with a 422 naming each field whose value breaks a constraint; returns the settings otherwise. */
    ProjectSettings validate(ProjectSettings settings) {
        Set<ConstraintViolation<ProjectSettings>> violations = validator.validate(settings);
        if (!violations.isEmpty()) {
            throw ApiException.invalid(violations.stream()
                    .map(v -> new FieldProblem(jsonField(v.getPropertyPath().toString()), v.getMessage()))
                    .sorted(Comparator.comparing(FieldProblem::field))
                    .toList());
        }
        return settings;
    }

    /** The settings form's values: each setting as the text its field shows (labels and keys one per line, none as empty). */
    Map<String, String> formValues(ProjectSettings settings) {
        Map<String, String> values = new LinkedHashMap<>();
        toJson(settings).properties().forEach(e -> values.put(e.getKey(), switch (e.getKey()) {
            case "labels" -> String.join("\n", settings.labels());
            case "labelKeys" -> LabelKeys.toLines(settings.labelingPage().labelKeys());
            case "labelDescriptions" -> LabelDescriptions.toLines(settings.labelingPage().labelDescriptions());
            case "featureColumns", "hiddenFeatures" -> e.getValue().isNull() ? ""
                    : String.join("\n", e.getValue().valueStream().map(JsonNode::asString).toList());
            default -> e.getValue().isNull() ? "" : e.getValue().asString();
        }));
        return values;
    }

    /**
     * What the form posted, read as settings (not yet validated): an empty field is a value left
     * out, labels and keys are one per line; fields the form does not know are ignored.
     */
    ProjectSettings fromForm(Map<String, String> values) {
        ObjectNode json = mapper.createObjectNode();
        values.forEach((field, text) -> {
            if (!FIELDS.contains(field)) {
                return;
            }
            if (LIST_FIELDS.contains(field)) {
                json.set(field, mapper.valueToTree(lines(text)));
            } else if ("labelDescriptions".equals(field)) {
                json.set(field, mapper.valueToTree(LabelDescriptions.fromLines(text, lines(values.get("labels")))));
            } else if ("labelKeys".equals(field)) {
                json.set(field, mapper.valueToTree(LabelKeys.fromLines(text)));
            } else if (text == null || text.isBlank()) {
                json.putNull(field);
            } else {
                json.put(field, "name".equals(field) ? text.strip() : text);
            }
        });
        return read(json);
    }

    /** Settings the form shows one value per line. */
    private static final Set<String> LIST_FIELDS = Set.of("labels", "featureColumns", "hiddenFeatures");

    private static List<String> lines(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("\\R")).map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private ObjectNode toJson(ProjectSettings settings) {
        return mapper.valueToTree(settings);
    }

    private ProjectSettings read(ObjectNode json) {
        try {
            return mapper.treeToValue(json, ProjectSettings.class);
        } catch (MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? "body" : e.getPath().getFirst().getPropertyName();
            String message = ProblemDetailsAdvice.describe(e);
            throw new ApiException(HttpStatus.BAD_REQUEST, "Bad request", field + ": " + message,
                    List.of(new FieldProblem(field, message)));
        } catch (JacksonException e) {
            throw ApiException.badRequest("the settings are not valid: " + e.getOriginalMessage());
        }
    }

    /** A constraint's property path as the JSON field a caller wrote: {@code queue.batchSize} is {@code batchSize}. */
    private static String jsonField(String path) {
        int dot = path.indexOf('.');
        return dot > 0 && GROUPS.contains(path.substring(0, dot)) ? path.substring(dot + 1) : path;
    }

    private static Set<String> fieldNames() {
        Set<String> names = new LinkedHashSet<>();
        for (RecordComponent c : ProjectSettings.class.getRecordComponents()) {
            if (c.getType().isRecord()) {
                Arrays.stream(c.getType().getRecordComponents()).forEach(g -> names.add(g.getName()));
            } else {
                names.add(c.getName());
            }
        }
        return java.util.Collections.unmodifiableSet(names);
    }
}
