package io.labelloop.shared;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A value read from the database for a Prometheus gauge, kept for a while: a scrape reads several gauges of one
 * query, and several scrapers (or a scrape every few seconds) must not each cost a query per gauge. Gauges over it
 * need {@code strongReference(true)}: Micrometer holds a gauge's object weakly, and a collected one reads NaN.
 */
public final class CachedReading<T> implements Supplier<T> {

    /** How long a reading is reused: shorter than any sensible scrape interval, long enough for one scrape. */
    public static final Duration FRESH_FOR = Duration.ofSeconds(5);

    private final Supplier<T> read;
    private final long freshNanos;
    private T value;
    private long readAt;

    public CachedReading(Supplier<T> read) {
        this(read, FRESH_FOR);
    }

    public CachedReading(Supplier<T> read, Duration freshFor) {
        this.read = read;
        this.freshNanos = freshFor.toNanos();
    }

    @Override
    public synchronized T get() {
        long now = System.nanoTime();
        if (value == null || now - readAt > freshNanos) {
            value = read.get();
            readAt = now;
        }
        return value;
    }
}
