package io.labelloop.embedding;

/**
 * An item found by meaning: its cosine {@code similarity} to the query (1 = same direction) and its label so
 * far ({@code null} while unlabeled): a human's, else the one that came with the upload.
 */
public record SimilarItem(long itemId, String externalId, String text, double similarity, String label) {
}
