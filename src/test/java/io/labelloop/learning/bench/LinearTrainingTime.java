package io.labelloop.learning.bench;

import io.labelloop.learning.features.FeatureBuffer;
import io.labelloop.learning.features.Featurizer;
import io.labelloop.learning.features.Featurizers;
import io.labelloop.learning.model.LbfgsSoftmaxTrainer;
import io.labelloop.learning.model.SoftmaxWeights;
import io.labelloop.learning.model.SparseSoftmaxTrainer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * CPU time of one linear fit on the throughput workloads ({@link ThroughputWorkload}) at a fixed penalty: the SGD
 * trainer ({@link SparseSoftmaxTrainer}), L-BFGS from zero, and L-BFGS warm-started from the model on 20 fewer
 * labels (what a service retrain does), each the median of {@code --runs} runs after a warm-up, with the
 * training accuracy of each so that a faster fit is not a worse one. {@code bench/linear-training.sh}.
 */
public final class LinearTrainingTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private LinearTrainingTime() {
    }

    public static void main(String[] args) {
        BenchArguments opt = BenchArguments.parse(args);
        int runs = opt.integer("runs", 3);
        double l2 = Double.parseDouble(opt.text("l2", "1"));
        List<String> only = opt.list("workloads");
        System.out.println("| workload | classes | labels | SGD CPU s (train acc) | L-BFGS from zero: CPU s, iterations "
                + "(train acc) | L-BFGS from the model on 20 fewer labels: CPU s, iterations |");
        System.out.println("|---|---|---|---|---|---|");
        for (ThroughputWorkload w : ThroughputWorkload.all(opt.data())) {
            if (!only.isEmpty() && !only.contains(w.name())) {
                continue;
            }
            for (String size : opt.text("sizes", "1000,10000").split(",")) {
                int n = Integer.parseInt(size);
                System.out.println(row(w, n, l2, runs));
            }
        }
    }

    private static String row(ThroughputWorkload w, int n, double l2, int runs) {
        List<byte[]> items = w.items().subList(0, n);
        Featurizer f = Featurizers.fit(w.task(), items);
        List<FeatureBuffer> x = Featurizers.featurise(f, items);
        List<String> classes = new ArrayList<>(new TreeSet<>(w.labels().subList(0, n)));
        int[] y = w.labels().subList(0, n).stream().mapToInt(classes::indexOf).toArray();
        int k = classes.size(), d = f.dimension();
        LongSupplier clock = THREADS::getCurrentThreadCpuTime;
        MedianCpu<SoftmaxWeights> sgd = MedianCpu.of(runs,
                () -> SparseSoftmaxTrainer.train(x, y, k, d, l2, 42).weights(), clock);
        MedianCpu<LbfgsSoftmaxTrainer.Result> cold = MedianCpu.of(runs,
                () -> LbfgsSoftmaxTrainer.train(x, y, k, d, l2, null), clock);
        SoftmaxWeights before = LbfgsSoftmaxTrainer.train(x.subList(0, n - 20), Arrays.copyOf(y, n - 20), k, d, l2,
                null).weights();
        MedianCpu<LbfgsSoftmaxTrainer.Result> warm = MedianCpu.of(runs,
                () -> LbfgsSoftmaxTrainer.train(x, y, k, d, l2, before), clock);
        return String.format(Locale.ROOT, "| %s | %d | %,d | %.3f (%.4f) | %.3f, %d (%.4f) | %.3f, %d |", w.name(), k, n,
                sgd.cpu(), accuracy(sgd.value(), x, y), cold.cpu(), cold.value().iterations(),
                accuracy(cold.value().weights(), x, y), warm.cpu(), warm.value().iterations());
    }

    private static double accuracy(SoftmaxWeights w, List<FeatureBuffer> x, int[] y) {
        return FullPoolBenchmark.accuracy(w, x, y);
    }
}
