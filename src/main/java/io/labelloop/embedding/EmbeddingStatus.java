package io.labelloop.embedding;

/**
 * Progress of a project's embeddings ({@code GET /embeddings}): {@code state} is {@code NONE} (not a TEXT
 * project, or no items), {@code RUNNING} (items wait), {@code READY} (every item embedded) or {@code FAILED}
 * (items wait and the last attempt failed, {@code error} says why). {@code itemsPerSecond} is the rate of the
 * last minute (0 when no batch finished in it) and {@code secondsLeft} the pending items at that rate.
 */
public record EmbeddingStatus(State state, long done, long total, double itemsPerSecond, Long secondsLeft,
        String model, String error) {

    public enum State { NONE, RUNNING, READY, FAILED }

    /** Whether every item of the project has its vector. */
    public boolean ready() {
        return state == State.READY;
    }
}
