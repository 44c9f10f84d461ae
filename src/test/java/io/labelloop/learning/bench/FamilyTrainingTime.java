package io.labelloop.learning.bench;

import io.labelloop.learning.FamilyOptions;
import io.labelloop.learning.FamilyTrainer;
import io.labelloop.learning.LabelModel;
import io.labelloop.learning.ModelFamily;
import io.labelloop.learning.TrainingOptions;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/**
 * CPU time of what the service runs for one model version ({@link FamilyTrainer#train} with the service's
 * default options, a family pinned) on the throughput workloads ({@link ThroughputWorkload}): the first version
 * on {@code n} labels (featurizer fit, default penalty, the fit; with more than one representation, as LINEAR
 * over pixels or HOG on images, their comparison), and the next version on 20 more labels from the version before
 * (the steady state: penalty and choice reused, the solver warm-started). CPU is the whole process's (every
 * thread, the garbage collector's too), the median of {@code --runs} runs after a warm-up; the accuracy on the
 * 2,000 workload items after the first {@code n} + 20 shows that a faster fit is not a worse one (on IMAGE those
 * items repeat earlier ones: the workload is mnist_10k repeated). {@code bench/training-time.sh}.
 */
public final class FamilyTrainingTime {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private FamilyTrainingTime() {
    }

    public static void main(String[] args) {
        BenchArguments opt = BenchArguments.parse(args);
        int runs = opt.integer("runs", 3);
        List<String> only = opt.list("workloads");
        List<String> families = opt.values().containsKey("families") ? opt.list("families")
                : List.of(ModelFamily.LINEAR.name(), ModelFamily.KERNEL.name(), ModelFamily.TREES.name());
        System.out.println("| workload | family | labels | first version: CPU s | next version (+20 labels, warm): "
                + "CPU s | model (iterations) | accuracy on 2,000 later items | scoring: us per item (one thread) |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (ThroughputWorkload w : ThroughputWorkload.all(opt.data())) {
            if (!only.isEmpty() && !only.contains(w.name())) {
                continue;
            }
            for (String family : families) {
                for (String size : opt.text("sizes", "10000").split(",")) {
                    System.out.println(row(w, ModelFamily.valueOf(family), Integer.parseInt(size), runs));
                }
            }
        }
    }

    /**
     * Thread CPU per item of scoring (probabilities) {@value #SCORED} items cycling through {@code items}, after a
     * warm-up of as many: what a cycle pays per pool item for this model.
     */
    private static double scoringMicros(LabelModel.ItemScorer scorer, List<byte[]> items) {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double sink = 0;
        long start = 0;
        for (int round = 0; round < 2; round++) {
            start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < SCORED; i++) {
                sink += scorer.probabilities(items.get(i % items.size()))[0];
            }
        }
        long cpu = threads.getCurrentThreadCpuTime() - start;
        return sink == -1 ? 0 : cpu / 1000.0 / SCORED;
    }

    private static final int SCORED = 100_000;

    private static String row(ThroughputWorkload w, ModelFamily family, int n, int runs) {
        FamilyTrainer trainer = new FamilyTrainer(w.task(), TrainingOptions.defaults(), FamilyOptions.defaults());
        List<byte[]> items = w.items().subList(0, n);
        List<String> labels = w.labels().subList(0, n);
        List<byte[]> more = w.items().subList(0, n + 20);
        List<String> moreLabels = w.labels().subList(0, n + 20);
        MedianCpu<LabelModel> first = MedianCpu.of(runs,
                () -> trainer.train(items, labels, List.of(), null, family, n), OS::getProcessCpuTime);
        MedianCpu<LabelModel> next = MedianCpu.of(runs,
                () -> trainer.train(more, moreLabels, List.of(), first.value(), family, n), OS::getProcessCpuTime);
        LabelModel m = next.value();
        List<byte[]> later = w.items().subList(n + 20, n + 2020);
        List<String> laterLabels = w.labels().subList(n + 20, n + 2020);
        LabelModel.ItemScorer scorer = m.scorer();
        int correct = 0;
        for (int i = 0; i < later.size(); i++) {
            correct += scorer.predict(later.get(i)).label().equals(laterLabels.get(i)) ? 1 : 0;
        }
        return String.format(Locale.ROOT, "| %s | %s | %,d | %.3f | %.3f | %s (%d) | %.4f | %.2f |", w.name(), family, n,
                first.cpu(), next.cpu(), m.choice().candidate().label(), m.metadata().epochs(),
                correct / (double) later.size(), scoringMicros(scorer, w.items()));
    }

}
