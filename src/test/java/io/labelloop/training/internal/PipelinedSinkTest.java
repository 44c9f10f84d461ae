package io.labelloop.training.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PipelinedSinkTest {

    @Test
    void shouldFailWithTheScorersFailureWhenItFailsWhileMoreBatchesArrive() {
        AtomicInteger seen = new AtomicInteger();
        Throwable thrown = catchThrowable(() -> {
            try (var sink = new PipelinedSink((id, encoded) -> {
                seen.incrementAndGet();
                throw new IllegalArgumentException("expected 2 values, got 3");
            })) {
                for (long id = 0; id < 100_000; id++) {
                    sink.accept(id, new byte[] {2, 0});
                }
            }
        });

        assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessage("expected 2 values, got 3");
        assertThat(thrown.getSuppressed()).isEmpty();
        assertThat(seen.get()).isEqualTo(1);
    }

    @Test
    void shouldFailWithTheScorersFailureWhenItFailsOnTheLastBatch() {
        Throwable thrown = catchThrowable(() -> {
            try (var sink = new PipelinedSink((id, encoded) -> {
                throw new IllegalStateException("broken");
            })) {
                sink.accept(1, new byte[] {2, 0});
            }
        });

        assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessage("broken");
    }

    @Test
    void shouldHandEveryItemToTheScorerInOrder() {
        long[] sum = {0};
        long[] last = {-1};
        try (var sink = new PipelinedSink((id, encoded) -> {
            assertThat(id).isGreaterThan(last[0]);
            last[0] = id;
            sum[0] += id;
        })) {
            for (long id = 0; id < 5_000; id++) {
                sink.accept(id, new byte[] {2, 0});
            }
        }
        assertThat(sum[0]).isEqualTo(5_000L * 4_999 / 2);
    }
}
