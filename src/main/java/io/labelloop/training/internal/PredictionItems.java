package io.labelloop.training.internal;

import io.labelloop.item.ImageData;
import io.labelloop.item.ItemVectors;
import io.labelloop.learning.TaskType;
import io.labelloop.shared.ApiException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The items of a predictions request, read as an upload reads its JSON rows and encoded for the
 * model. A field of the wrong JSON type is a 422 naming it ({@code [2].externalId}), never a 500,
 * and positional features must fit the project's feature columns.
 */
final class PredictionItems {

    private PredictionItems() {
    }

    /** One item to predict: the caller's externalId (echoed back, may be null) and its encoded form. */
    record Item(String externalId, byte[] encoded, String text) {
    }

    static List<Item> read(JsonNode body, TaskType taskType, List<String> featureNames) {
        if (!body.isArray()) {
            throw ApiException.badRequest("the body must be a JSON array of items");
        }
        List<Item> items = new ArrayList<>(body.size());
        int position = 0;
        for (JsonNode item : body) {
            position++;
            String at = "[" + position + "]";
            if (!item.isObject()) {
                throw ApiException.invalid(at, "must be a JSON object");
            }
            String externalId = scalar(item.get("externalId"), at + ".externalId");
            String text = string(item.get("text"), at + ".text");
            float[] features = features(item.get("features"), featureNames, at + ".features");
            byte[] image = image(string(item.get("image"), at + ".image"), at + ".image");
            try {
                items.add(new Item(externalId, ItemVectors.encode(taskType, text, features, image),
                        taskType == TaskType.TEXT ? (text == null ? "" : text) : null));
            } catch (RuntimeException e) {
                throw ApiException.invalid(at, "cannot be read as a " + taskType + " item: " + e.getMessage());
            }
        }
        return items;
    }

    /** A string, or a number in its written form (as an upload takes an externalId); null when absent. */
    private static String scalar(JsonNode v, String field) {
        if (v != null && v.isNumber()) {
            return v.asString();
        }
        return string(v, field);
    }

    private static String string(JsonNode v, String field) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            throw ApiException.invalid(field, "must be a string");
        }
        return v.asString();
    }

    private static float[] features(JsonNode f, List<String> names, String field) {
        int width = names.size();
        if (f != null && f.isArray() && f.size() > width && width > 0) {
            throw ApiException.invalid(field, "has " + f.size() + " values; the project has " + width + " features");
        }
        float[] values = new float[Math.max(width, f != null && f.isArray() ? f.size() : 0)];
        Arrays.fill(values, Float.NaN);
        if (f == null || f.isNull()) {
            return values;
        }
        if (f.isArray()) {
            for (int i = 0; i < f.size(); i++) {
                values[i] = number(f.get(i), field + "[" + i + "]");
            }
        } else if (f.isObject()) {
            for (var e : f.properties()) {
                int i = names.indexOf(e.getKey());
                if (i >= 0) {
                    values[i] = number(e.getValue(), field + "." + e.getKey());
                }
            }
        } else {
            throw ApiException.invalid(field, "must be an object of name: number or an array of numbers");
        }
        return values;
    }

    private static float number(JsonNode v, String field) {
        if (v == null || v.isNull()) {
            return Float.NaN;
        }
        if (!v.isNumber()) {
            throw ApiException.invalid(field, "must be a number");
        }
        try {
            return v.floatValue();
        } catch (JacksonException e) {
            throw ApiException.invalid(field, "must be a number within the range of a 32-bit float");
        }
    }

    private static byte[] image(String base64, String field) {
        if (base64 == null) {
            return null;
        }
        try {
            return ImageData.decode(base64);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, "is not valid base64");
        }
    }
}
