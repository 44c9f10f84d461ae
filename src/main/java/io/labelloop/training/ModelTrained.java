package io.labelloop.training;

/** A new model version was stored and the queue refilled from it. */
public record ModelTrained(long projectId, int version, int labelCount, Double accuracy, boolean stopRecommended) {
}
