package io.labelloop.item.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One task of Label Studio's JSON format as an upload record: {@code data.text} or {@code data.image} (a
 * {@code data:} URI or base64; a URL is refused, the service fetches nothing), {@code data.features} for numbers,
 * {@code data.externalId} or else the task's {@code id} as the external id, {@code meta} as metadata, and the
 * first choice of the last annotation that was not cancelled as the imported label ({@code predictions} are not
 * labels and are ignored). A TEXT task whose data has no {@code text} takes its only string field.
 */
final class LabelStudioTask {

    private LabelStudioTask() {
    }

    /** Whether a JSON item is a Label Studio task rather than a Labelloop item. */
    static boolean looksLikeTask(JsonNode node) {
        return node != null && node.isObject() && node.get("data") != null && node.get("data").isObject()
                && !node.has("externalId");
    }

    static UploadRecord toRecord(JsonNode task, long line) {
        if (task == null || !task.isObject() || task.get("data") == null || !task.get("data").isObject()) {
            return UploadRecord.unusable(line, null, "a Label Studio task must be an object with a 'data' object");
        }
        JsonNode data = task.get("data");
        String externalId = scalar(data.get("externalId"));
        if (externalId == null) {
            externalId = scalar(task.get("id"));
        }
        if (externalId == null) {
            return UploadRecord.unusable(line, null, "a Label Studio task needs an 'id' or 'data.externalId'");
        }
        String text = string(data.get("text"));
        if (text == null && data.get("image") == null && data.get("features") == null) {
            text = onlyString(data);
        }
        String image = string(data.get("image"));
        if (image != null) {
            if (image.startsWith("data:")) {
                int comma = image.indexOf(',');
                image = comma < 0 ? "" : image.substring(comma + 1);
            } else if (image.matches("(?i)^(https?|s3|gs|azure-blob)://.*") || image.startsWith("/")) {
                return UploadRecord.unusable(line, externalId, "data.image is a URL; upload the image itself (a data: "
                        + "URI or base64), the service does not fetch images");
            }
        }
        String label;
        try {
            label = label(task.get("annotations"));
        } catch (IllegalArgumentException e) {
            return UploadRecord.unusable(line, externalId, e.getMessage());
        }
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        JsonNode features = data.get("features");
        if (features != null && features.isObject()) {
            for (Map.Entry<String, JsonNode> e : features.properties()) {
                names.add(e.getKey());
                values.add(e.getValue() == null || e.getValue().isNull() ? null : e.getValue().asString());
            }
        }
        JsonNode meta = task.get("meta");
        if (meta != null && meta.isObject() && meta.has("labelloop")) {
            meta = ((tools.jackson.databind.node.ObjectNode) meta.deepCopy()).without("labelloop"); // our own export's note
        }
        return new UploadRecord(line, externalId, text, names.isEmpty() ? null : names.toArray(String[]::new),
                values.isEmpty() ? null : values.toArray(String[]::new), image, label,
                meta != null && meta.isObject() && !meta.isEmpty() ? meta.toString() : null);
    }

    /** The first choice of the last annotation not cancelled, or null when no annotation has a choice. */
    private static String label(JsonNode annotations) {
        if (annotations == null || annotations.isNull()) {
            return null;
        }
        if (!annotations.isArray()) {
            throw new IllegalArgumentException("annotations must be a list");
        }
        String label = null;
        for (JsonNode annotation : annotations) {
            if (annotation.path("was_cancelled").asBoolean(false)) {
                continue;
            }
            for (JsonNode result : annotation.path("result")) {
                JsonNode choices = result.path("value").path("choices");
                if (choices.isArray() && !choices.isEmpty()) {
                    if (choices.size() > 1) {
                        throw new IllegalArgumentException("an annotation chose " + choices.size()
                                + " classes; Labelloop keeps one label per item");
                    }
                    label = choices.get(0).asString();
                }
            }
        }
        return label;
    }

    private static String onlyString(JsonNode data) {
        String found = null;
        for (Map.Entry<String, JsonNode> e : data.properties()) {
            if (e.getValue().isString()) {
                if (found != null) {
                    return null;
                }
                found = e.getValue().asString();
            }
        }
        return found;
    }

    private static String string(JsonNode v) {
        return v == null || v.isNull() || !v.isString() ? null : v.asString();
    }

    private static String scalar(JsonNode v) {
        return v == null || v.isNull() || v.isContainer() ? null : v.asString();
    }
}
