package io.labelloop.training.internal;

import io.labelloop.learning.FeaturizerParameters;
import io.labelloop.learning.ModelParameters;
import io.labelloop.learning.TaskType;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A model version as a self-contained JSON file: which items it reads ({@code inputs}), the featurizer's fitted
 * settings with a {@code type} naming the transform, and the calibrated softmax head. {@code docs/interop.md}
 * spells out each transform; {@code formatVersion} changes only when a field changes meaning.
 */
public final class ModelFileJson {
    public static final int FORMAT_VERSION = 1;

    private ModelFileJson() {
    }

    /** The file for {@code p}; {@code inputs} names the input columns (TABULAR features) or describes them. */
    public static ObjectNode write(JsonMapper mapper, long projectId, int version, Instant trainedAt, int labelCount,
            ModelParameters p, List<String> inputs) {
        ObjectNode file = mapper.createObjectNode();
        file.put("format", "labelloop-model");
        file.put("formatVersion", FORMAT_VERSION);
        file.put("projectId", projectId);
        file.put("version", version);
        file.put("trainedAt", trainedAt.toString());
        file.put("labelCount", labelCount);
        file.put("taskType", p.taskType().name());
        file.put("family", p.family().name());
        file.put("representation", p.representation().name());
        file.set("classes", mapper.valueToTree(p.classes()));
        file.put("input", inputDescription(p.taskType()));
        file.set("inputs", mapper.valueToTree(inputs));
        file.set("featurizer", featurizer(mapper, p.featurizer()));
        ObjectNode head = file.putObject("head");
        head.put("formula", "p = softmax((x W + b) / temperature), x the featurizer's columns, W columns x classes");
        head.put("columns", p.featurizer().columns());
        head.set("weights", mapper.valueToTree(p.weights()));
        head.set("bias", mapper.valueToTree(p.bias()));
        head.put("temperature", p.temperature());
        return file;
    }

    private static String inputDescription(TaskType task) {
        return switch (task) {
            case TABULAR -> "one number per feature in the order of 'inputs' (NaN or absent = missing)";
            case IMAGE -> "grey levels row-major: pixel features as uploaded, or an uploaded PNG/JPEG converted to "
                    + "grey (luma), scaled to the featurizer's side x side with bilinear interpolation, 0-255";
            case TEXT -> "the item's text";
        };
    }

    private static ObjectNode featurizer(JsonMapper mapper, FeaturizerParameters f) {
        ObjectNode node = mapper.valueToTree(f);
        node.put("type", f.type());
        if (f instanceof FeaturizerParameters.RandomFourier r) {
            node.set("base", featurizer(mapper, r.base()));
        }
        if (f instanceof FeaturizerParameters.Forest forest) {
            node.set("base", featurizer(mapper, forest.base()));
        }
        if (f instanceof FeaturizerParameters.Concat c) {
            node.set("first", featurizer(mapper, c.first()));
            node.set("second", featurizer(mapper, c.second()));
        }
        return node;
    }
}
