package io.labelloop.annotation;

/** A label used the last unit of the project's budget. Published inside the labeling transaction. */
public record BudgetExhausted(long projectId, int budget) {
}
