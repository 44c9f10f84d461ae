package io.labelloop.item.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Turns one JSON item ({@code externalId, text, features, image, label, metadata}) into an upload record.
 * A field of the wrong JSON type makes the record unusable with that field named.
 */
final class JsonItemMapper {

    private JsonItemMapper() {
    }

    static UploadRecord toRecord(JsonNode node, long line) {
        if (node == null || !node.isObject()) {
            return UploadRecord.unusable(line, null, "an item must be a JSON object");
        }
        JsonNode id = node.get("externalId");
        if (id != null && id.isContainer()) {
            return UploadRecord.unusable(line, null, "externalId", "externalId must be a string or a number");
        }
        String externalId = id == null || id.isNull() ? null : id.asString();
        JsonNode text = node.get("text");
        if (text != null && !text.isNull() && !text.isString()) {
            return UploadRecord.unusable(line, externalId, "text", "text must be a string");
        }
        JsonNode label = node.get("label");
        if (label != null && !label.isNull() && !label.isString()) {
            return UploadRecord.unusable(line, externalId, "label", "label must be a string");
        }
        JsonNode image = node.get("image");
        if (image != null && !image.isNull() && !image.isString()) {
            return UploadRecord.unusable(line, externalId, "image", "image must be a base64 string");
        }
        JsonNode metadata = node.get("metadata");
        if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
            return UploadRecord.unusable(line, externalId, "metadata", "metadata must be a JSON object");
        }
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        JsonNode features = node.get("features");
        if (features != null && !features.isNull()) {
            if (features.isObject()) {
                for (Map.Entry<String, JsonNode> e : features.properties()) {
                    names.add(e.getKey());
                    values.add(featureValue(e.getValue()));
                }
            } else if (features.isArray()) {
                for (int i = 0; i < features.size(); i++) {
                    names.add(null); // positional: the schema names it
                    values.add(featureValue(features.get(i)));
                }
            } else {
                return UploadRecord.unusable(line, externalId, "features",
                        "features must be an object of name: number or an array of numbers");
            }
        }
        return new UploadRecord(line, externalId, textOrNull(text),
                names.isEmpty() ? null : names.toArray(String[]::new),
                values.isEmpty() ? null : values.toArray(String[]::new),
                textOrNull(image), textOrNull(label),
                metadata == null || metadata.isNull() ? null : metadata.toString());
    }

    /** Numbers keep their written form; anything that is not a number is passed on to fail validation. */
    private static String featureValue(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber() || v.isString()) {
            return v.asString();
        }
        return v.toString();
    }

    private static String textOrNull(JsonNode v) {
        return v == null || v.isNull() ? null : v.asString();
    }
}
