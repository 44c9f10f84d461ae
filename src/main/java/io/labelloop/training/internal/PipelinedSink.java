package io.labelloop.training.internal;

import io.labelloop.item.ItemVectors.VectorSink;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Hands streamed items to a second thread in batches, so that reading the pool from PostgreSQL
 * and scoring it run side by side on two cores. The delegate sees items in stream order, on one
 * thread only. {@link #close()} waits for the last batch and rethrows the scorer's failure; once the scorer
 * failed, {@link #accept} throws that failure instead of queueing more.
 */
final class PipelinedSink implements VectorSink, AutoCloseable {

    private static final int BATCH = 1024;
    private static final Batch END = new Batch(0);

    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(16);
    private final Thread worker;
    private volatile Throwable failure;
    private Batch current = new Batch(BATCH);
    private boolean closed;
    private boolean reported;

    PipelinedSink(VectorSink delegate) {
        this.worker = Thread.ofPlatform().name("pool-scorer").start(() -> {
            try {
                for (Batch b = queue.take(); b != END; b = queue.take()) {
                    for (int i = 0; i < b.size; i++) {
                        delegate.accept(b.ids[i], b.items[i]);
                    }
                }
            } catch (Throwable t) {
                failure = t;
                queue.clear();
            }
        });
    }

    @Override
    public void accept(long itemId, byte[] encoded) {
        current.ids[current.size] = itemId;
        current.items[current.size++] = encoded;
        if (current.size == BATCH) {
            put(current);
            current = new Batch(BATCH);
        }
    }

    /** Hands on the last batch, waits for the scorer and rethrows its failure; a second call only rethrows. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (failure == null) {
                put(current);
            }
            if (failure == null) {
                put(END);
            }
            join(); // a failed scorer has ended already
        }
        if (!reported) {
            rethrow();
        }
    }

    private void join() {
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scoring", e);
        }
    }

    /** Waits for room in the queue; when the scorer has failed, throws its failure instead of waiting on. */
    private void put(Batch b) {
        try {
            while (failure == null && !queue.offer(b, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                // wait for the scorer to take a batch
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the pool", e);
        }
        if (failure != null && !closed) {
            rethrow(); // the caller's try-with-resources then closes without throwing it a second time
        }
    }

    private void rethrow() {
        Throwable f = failure;
        reported = f != null;
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error e) {
            throw e;
        }
        if (f != null) {
            throw new IllegalStateException("scoring failed", f);
        }
    }

    private static final class Batch {
        final long[] ids;
        final byte[][] items;
        int size;

        Batch(int capacity) {
            ids = new long[capacity];
            items = new byte[capacity][];
        }
    }
}
