package io.labelloop.training.internal;

import io.labelloop.item.ItemQueries;
import io.labelloop.learning.FeaturizerParameters;
import io.labelloop.learning.ModelParameters;
import io.labelloop.learning.TaskType;
import io.labelloop.project.Project;
import io.labelloop.shared.ApiException;
import io.labelloop.training.ModelSummary;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/** A model version as a file other programs run without Labelloop: ONNX or JSON (the model download). */
@Service
public class ModelFiles {

    private final ModelStore models;
    private final ItemQueries items;
    private final JsonMapper mapper;

    ModelFiles(ModelStore models, ItemQueries items, JsonMapper mapper) {
        this.models = models;
        this.items = items;
        this.mapper = mapper;
    }

    /** A downloadable file. */
    public record ModelFile(String name, boolean onnx, byte[] bytes) {
    }

    /** The file of a version in {@code format} (onnx or json); 404 for an unknown version, 422 without an ONNX form. */
    public ModelFile file(Project project, int version, String format) {
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!fmt.equals("json") && !fmt.equals("onnx")) {
            throw ApiException.invalid("format", "must be onnx or json");
        }
        ModelSummary summary = models.all(project.id()).stream().filter(m -> m.version() == version).findFirst()
                .orElseThrow(() -> ApiException.notFound("model version", version));
        ModelParameters p = models.model(project.id(), version).parameters();
        List<String> inputs = inputs(project, p);
        String name = "labelloop-project-" + project.id() + "-model-" + version + "." + fmt;
        if (fmt.equals("json")) {
            return new ModelFile(name, false, mapper.writeValueAsString(ModelFileJson.write(mapper, project.id(), version,
                    summary.trainedAt(), summary.labelCount(), p, inputs)).getBytes(StandardCharsets.UTF_8));
        }
        String reason = OnnxModelFile.unsupported(p).orElse(null);
        if (reason != null) {
            throw ApiException.invalid("format", "no ONNX form for this model: " + reason
                    + "; download it with format=json (featurizer settings, weights, classes and temperature)");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("classes", mapper.writeValueAsString(p.classes()));
        metadata.put("inputs", mapper.writeValueAsString(inputs));
        metadata.put("labelloop.project", Long.toString(project.id()));
        metadata.put("labelloop.version", Integer.toString(version));
        metadata.put("labelloop.taskType", p.taskType().name());
        metadata.put("labelloop.family", p.family().name());
        return new ModelFile(name, true, OnnxModelFile.write(p, metadata));
    }

    /** Names of the model's input columns: TABULAR feature names in order, pixel positions for images. */
    private List<String> inputs(Project project, ModelParameters p) {
        FeaturizerParameters base = switch (p.featurizer()) {
            case FeaturizerParameters.RandomFourier r -> r.base();
            case FeaturizerParameters.Forest f -> f.base();
            default -> p.featurizer();
        };
        if (project.taskType() == TaskType.TABULAR && base instanceof FeaturizerParameters.Standardised s) {
            List<String> names = items.featureNames(project.id());
            return new ArrayList<>(names.subList(0, Math.min(s.inputs(), names.size())));
        }
        if (project.taskType() == TaskType.IMAGE && base instanceof FeaturizerParameters.Pixels px) {
            List<String> names = items.featureNames(project.id());
            if (names.size() >= px.pixels()) {
                return new ArrayList<>(names.subList(0, px.pixels()));
            }
            List<String> pixels = new ArrayList<>();
            for (int i = 0; i < px.pixels(); i++) {
                pixels.add("pixel" + i);
            }
            return pixels;
        }
        return project.taskType() == TaskType.TEXT ? List.of("text") : List.of("image");
    }
}
