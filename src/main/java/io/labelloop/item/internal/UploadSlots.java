package io.labelloop.item.internal;

import io.labelloop.item.UploadSettings;
import io.labelloop.shared.ApiException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Component;

/**
 * Bounds the uploads an instance receives and loads at once ({@code labelloop.upload.max-concurrent}).
 * Each upload holds a slot from before its body is read until it is stored, and needs one database
 * connection only after its body is in, so the uploads never take more than this many of the
 * pool's connections; one more is refused at once with 429 instead of queueing behind them.
 */
@Component
class UploadSlots {

    /** Uploads take seconds to minutes; a few seconds is a fair first retry. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final Semaphore slots;
    private final int max;

    UploadSlots(UploadSettings settings) {
        this.max = Math.max(1, settings.maxConcurrent());
        this.slots = new Semaphore(max);
    }

    /** A slot, released by closing it; 429 when all are taken. */
    Slot take() {
        if (!slots.tryAcquire()) {
            throw ApiException.tooManyRequests("this instance is receiving " + max
                    + " uploads already, its limit; retry in a few seconds", RETRY_AFTER);
        }
        AtomicBoolean held = new AtomicBoolean(true);
        return () -> {
            if (held.getAndSet(false)) {
                slots.release();
            }
        };
    }

    /** A held slot. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }
}
