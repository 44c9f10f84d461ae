package io.labelloop.item.internal;

import io.labelloop.item.UploadReport.Rejection;

/** What {@link RowValidator#check} finds for one record: a row to stage, or why it is refused. */
sealed interface RowCheck permits StagedRow, RowCheck.Refused {

    /** A refused record: its line, the field at fault ({@code item} when it is the record as a whole) and why. */
    record Refused(long line, String externalId, String field, String error) implements RowCheck {

        Rejection rejection() {
            return new Rejection(line, externalId, error);
        }
    }
}
