package io.labelloop.queue;

/** Claims found no ranked entry left and fell back to unranked items: a retrain-and-score cycle is due. */
public record QueueRanDry(long projectId) {
}
