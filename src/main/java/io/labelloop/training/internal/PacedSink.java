package io.labelloop.training.internal;

import io.labelloop.item.ItemVectors.VectorSink;

/**
 * Scores streamed items on the reading thread itself (one core for reading and scoring) and lets the
 * {@link CycleThrottle} pace it after every chunk, while annotators are active.
 */
final class PacedSink implements VectorSink {

    private static final int CHUNK = 1024;

    private final VectorSink delegate;
    private final CycleThrottle throttle;
    private int inChunk;
    private long chunkStart = System.nanoTime();

    PacedSink(VectorSink delegate, CycleThrottle throttle) {
        this.delegate = delegate;
        this.throttle = throttle;
    }

    @Override
    public void accept(long itemId, byte[] encoded) {
        delegate.accept(itemId, encoded);
        if (++inChunk == CHUNK) {
            throttle.pause(System.nanoTime() - chunkStart);
            inChunk = 0;
            chunkStart = System.nanoTime();
        }
    }
}
