package io.labelloop.export;

/** An export job finished writing its file. Published inside the transaction that marks it ready. */
public record ExportReady(long projectId, long jobId, String format, long rows, long bytes) {
}
