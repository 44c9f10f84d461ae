package io.labelloop.annotation;

/**
 * A human labeled an item (first time, or changed their label), published by the writer in the writing thread as soon
 * as the statement that stored the label ran: inside the labeling transaction (a replacement, a batch of a project with
 * a budget, a judgment, a lead's relabel), or, on the fast path, right after its one INSERT, which is a transaction of
 * its own. Listeners are in-memory signals ({@code EmbeddingJob} backs off while annotators label); whatever must
 * follow every committed label (budget, label history, webhook outbox) is a database trigger in
 * {@code db/migration/R__*.sql}, run inside the write.
 */
public record ItemLabeled(long projectId, long itemId, long userId, String label, boolean holdout) {
}
