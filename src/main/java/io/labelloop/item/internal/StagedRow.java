package io.labelloop.item.internal;

/** A validated item ready for the staging table. */
record StagedRow(long line, String externalId, String text, byte[] features, String metadataJson, String label,
        byte[] image, String imageType) implements RowCheck {
}
