package io.labelloop.item.internal;

/**
 * One item as read from an upload, before validation. Feature values stay strings (CSV cells or
 * JSON numbers as written) so that every format goes through the same checks; a null value is missing.
 * {@code problem} is set when the reader already knows the record is unusable, with the field at fault
 * in {@code problemField} ({@code item} when it is the record as a whole).
 */
record UploadRecord(long line, String externalId, String text, String[] featureNames, String[] featureValues,
        String image, String label, String metadataJson, String problem, String problemField) {

    UploadRecord(long line, String externalId, String text, String[] featureNames, String[] featureValues,
            String image, String label, String metadataJson) {
        this(line, externalId, text, featureNames, featureValues, image, label, metadataJson, null, null);
    }

    static UploadRecord unusable(long line, String externalId, String problem) {
        return unusable(line, externalId, "item", problem);
    }

    static UploadRecord unusable(long line, String externalId, String field, String problem) {
        return new UploadRecord(line, externalId, null, null, null, null, null, null, problem, field);
    }
}
