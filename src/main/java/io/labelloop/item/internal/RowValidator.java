package io.labelloop.item.internal;

import io.labelloop.item.ImageData;
import io.labelloop.learning.TaskType;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Checks one upload record against its project (task type, label set, limits) and packs its
 * features; returns either a staged row or the reason it is rejected. Items read to be predicted
 * ({@link #forPredictions}) go through the same checks, except that they need no externalId, carry no
 * label, may have an empty text, and are read against the project's feature columns as they are
 * (names it does not know are ignored, more positional values than it has columns are refused).
 */
final class RowValidator {

    static final int MAX_EXTERNAL_ID = 512;
    static final int MAX_TEXT = 1 << 20;

    private final TaskType taskType;
    private final Set<String> labels;
    private final FeatureSchema schema;
    private final long maxImageBytes;
    private final boolean predicting;
    private String[] lastNames;
    private int[] lastPositions;

    RowValidator(TaskType taskType, Set<String> labels, FeatureSchema schema, long maxImageBytes) {
        this(taskType, labels, schema, maxImageBytes, false);
    }

    private RowValidator(TaskType taskType, Set<String> labels, FeatureSchema schema, long maxImageBytes,
            boolean predicting) {
        this.taskType = taskType;
        this.labels = labels;
        this.schema = schema;
        this.maxImageBytes = maxImageBytes;
        this.predicting = predicting;
    }

    /** A validator for items sent to be predicted against a project's stored feature columns. */
    static RowValidator forPredictions(TaskType taskType, List<String> featureNames, long maxImageBytes) {
        return new RowValidator(taskType, Set.of(), FeatureSchema.frozen(featureNames), maxImageBytes, true);
    }

    /** A staged row, or the refusal naming the field at fault. */
    RowCheck check(UploadRecord r) {
        String id = r.externalId();
        if (r.problem() != null) {
            return reject(r, r.problemField(), r.problem());
        }
        if (!predicting && (id == null || id.isBlank())) {
            return reject(r, "externalId", "missing externalId");
        }
        if (id != null && id.length() > MAX_EXTERNAL_ID) {
            return reject(r, "externalId", "externalId longer than " + MAX_EXTERNAL_ID + " characters");
        }
        if (hasNul(id) || hasNul(r.text()) || hasNul(r.label())
                || (r.metadataJson() != null && r.metadataJson().contains("\\u0000"))) {
            return reject(r, "item", "contains a NUL character");
        }
        String label = predicting || r.label() == null || r.label().isEmpty() ? null : r.label();
        if (label != null && !labels.contains(label)) {
            return reject(r, "label", "unknown label '" + label + "'");
        }
        String text = r.text();
        if (taskType == TaskType.TEXT) {
            if (!predicting && (text == null || text.isBlank())) {
                return reject(r, "text", "missing text");
            }
            if (text != null && text.length() > MAX_TEXT) {
                return reject(r, "text", "text longer than " + MAX_TEXT + " characters");
            }
        }
        byte[] features = null;
        if (r.featureValues() != null && taskType != TaskType.TEXT) {
            Object packed = pack(r);
            if (packed instanceof String error) {
                return reject(r, "features", error);
            }
            features = (byte[]) packed;
        }
        byte[] image = null;
        String imageType = null;
        if (r.image() != null && taskType == TaskType.IMAGE) {
            try {
                image = ImageData.decode(r.image());
            } catch (IllegalArgumentException e) {
                return reject(r, "image", "image is not valid base64");
            }
            if (image.length > maxImageBytes) {
                return reject(r, "image", "image larger than " + maxImageBytes + " bytes");
            }
            imageType = imageType(image);
            if (imageType == null) {
                return reject(r, "image", "image must be PNG or JPEG");
            }
        }
        if (taskType == TaskType.TABULAR && features == null) {
            return reject(r, "features", "missing features");
        }
        if (taskType == TaskType.IMAGE && features == null && image == null) {
            return reject(r, "image", "missing image or features");
        }
        return new StagedRow(r.line(), id, taskType == TaskType.TEXT ? text : nullIfBlank(text), features,
                r.metadataJson(), label, image, imageType);
    }

    /** Packed float32 little-endian features in schema order (NaN for missing), or an error message. */
    private Object pack(UploadRecord r) {
        String[] values = r.featureValues();
        int[] positions = positions(r.featureNames());
        if (positions == null) {
            return schema.frozen() ? "has " + values.length + " values; the project has " + schema.size() + " features"
                    : "more than " + FeatureSchema.MAX_FEATURES + " features";
        }
        int width = schema.frozen() ? schema.size() : 0;
        for (int position : positions) {
            width = Math.max(width, position + 1);
        }
        float[] vector = new float[width];
        Arrays.fill(vector, Float.NaN);
        for (int i = 0; i < values.length; i++) {
            String v = values[i];
            if (v == null || v.isBlank() || positions[i] == FeatureSchema.UNKNOWN) {
                continue;
            }
            double d;
            try {
                d = Double.parseDouble(v.trim());
            } catch (NumberFormatException e) {
                return "feature '" + schema.nameAt(positions[i]) + "' is not a number: '" + abbreviate(v) + "'";
            }
            if (!Double.isFinite(d)) {
                return "feature '" + schema.nameAt(positions[i]) + "' is not a finite number";
            }
            vector[positions[i]] = (float) d;
        }
        return FeatureVectors.pack(vector);
    }

    /** Schema positions of the named features; CSV rows share one names array, so it is resolved once. */
    private int[] positions(String[] names) {
        if (names == lastNames) {
            return lastPositions;
        }
        int[] positions = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            positions[i] = names[i] == null ? indexOfPositional(i) : schema.indexOf(names[i]);
            if (positions[i] < 0 && positions[i] != FeatureSchema.UNKNOWN) {
                return null;
            }
        }
        lastNames = names;
        lastPositions = positions;
        return positions;
    }

    private int indexOfPositional(int i) {
        return schema.nameAt(i) == null ? -1 : i;
    }

    private static RowCheck.Refused reject(UploadRecord r, String field, String error) {
        return new RowCheck.Refused(r.line(), r.externalId(), field, error);
    }

    private static String imageType(byte[] b) {
        if (b.length >= 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "image/png";
        }
        if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return "image/jpeg";
        }
        return null;
    }

    private static boolean hasNul(String s) {
        return s != null && s.indexOf('\0') >= 0;
    }

    private static String nullIfBlank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
