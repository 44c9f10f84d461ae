package io.labelloop.learning.bench;

import java.util.Arrays;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** The median CPU time of a benchmarked call over some runs after one warm-up run, and the last run's result. */
record MedianCpu<T>(T value, double cpu) {

    /** {@code clock}: CPU nanoseconds (one thread's, or the whole process's). */
    static <T> MedianCpu<T> of(int runs, Supplier<T> call, LongSupplier clock) {
        T value = call.get();
        double[] cpu = new double[runs];
        for (int r = 0; r < runs; r++) {
            long start = clock.getAsLong();
            value = call.get();
            cpu[r] = (clock.getAsLong() - start) / 1e9;
        }
        Arrays.sort(cpu);
        return new MedianCpu<>(value, cpu[runs / 2]);
    }
}
