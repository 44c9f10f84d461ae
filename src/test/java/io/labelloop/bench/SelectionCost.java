package io.labelloop.bench;

import io.labelloop.learning.BatchSelector;
import io.labelloop.learning.ColdStartSelector;
import io.labelloop.learning.ItemEncoder;
import io.labelloop.learning.LabelModel;
import io.labelloop.learning.ModelTrainer;
import io.labelloop.learning.SelectedItem;
import io.labelloop.learning.SelectionOptions;
import io.labelloop.learning.StrategyName;
import io.labelloop.learning.TaskType;
import io.labelloop.learning.TrainingOptions;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * CPU-seconds and bytes allocated by a cycle's batch selection on one thread, as a cycle runs it: a TEXT model
 * trained on LABELS rows of a CSV (externalId,text,label, e.g. from {@code bench/gen_csv.py --labeled-every 1}),
 * a {@link BatchSelector} for the default strategy offered the next POOL rows (a cycle's window) and asked for a
 * batch of BATCH, and the {@link ColdStartSelector} of the same rows (the seed before the first model, and the
 * exploration picks while a class has no label). Prints per repetition the phases' CPU ms and MB and a hash of
 * the picks, so two builds run on the same classes of this benchmark can be compared pick for pick.
 * Usage: {@code SelectionCost FILE LABELS POOL BATCH REPETITIONS}.
 */
public final class SelectionCost {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int labels = Integer.parseInt(args[1]);
        int pool = Integer.parseInt(args[2]);
        int batch = Integer.parseInt(args[3]);
        int repetitions = Integer.parseInt(args[4]);
        List<byte[]> items = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file)) {
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                items.add(ItemEncoder.encodeText(row.get("text")));
                classes.add(row.get("label"));
                if (items.size() == labels + pool) {
                    break;
                }
            }
        }
        LabelModel model = new ModelTrainer(TaskType.TEXT).train(items.subList(0, labels), classes.subList(0, labels));
        List<byte[]> window = items.subList(labels, items.size());
        for (int r = 0; r < repetitions; r++) {
            long seed = TrainingOptions.DEFAULT_SEED + r;
            Meter m = new Meter();
            BatchSelector selector = BatchSelector.create(model, StrategyName.UNCERTAINTY_DIVERSITY,
                    SelectionOptions.ofBatch(batch).withSeed(seed));
            for (int i = 0; i < window.size(); i++) {
                selector.offer(labels + i, window.get(i));
            }
            String offer = m.lap();
            List<SelectedItem> chosen = selector.select();
            String select = m.lap();
            ColdStartSelector cold = new ColdStartSelector(TaskType.TEXT, batch, ColdStartSelector.DEFAULT_SAMPLE, seed);
            for (int i = 0; i < window.size(); i++) {
                cold.offer(labels + i, window.get(i));
            }
            List<SelectedItem> seeds = cold.select();
            String coldStart = m.lap();
            System.out.printf("rep %d: scorePool %s, selectBatch %s (%d picks, hash %08x), coldStart %s (%d picks, hash %08x)%n",
                    r, offer, select, chosen.size(), hash(chosen), coldStart, seeds.size(), hash(seeds));
        }
    }

    private static int hash(List<SelectedItem> picks) {
        int h = 1;
        for (SelectedItem s : picks) {
            h = 31 * h + Long.hashCode(s.itemId());
        }
        return h;
    }

    /** The current thread's CPU time and allocation since the last lap. */
    private static final class Meter {
        private long cpu = THREADS.getCurrentThreadCpuTime();
        private long bytes = THREADS.getCurrentThreadAllocatedBytes();

        String lap() {
            long c = THREADS.getCurrentThreadCpuTime();
            long b = THREADS.getCurrentThreadAllocatedBytes();
            String s = String.format("%.0f ms CPU %.1f MB", (c - cpu) / 1e6, (b - bytes) / 1e6);
            cpu = c;
            bytes = b;
            return s;
        }
    }
}
