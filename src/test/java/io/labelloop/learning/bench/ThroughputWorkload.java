package io.labelloop.learning.bench;

import io.labelloop.learning.ItemEncoder;
import io.labelloop.learning.TaskType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;

/** The three workloads of {@link ThroughputBenchmark}: 20,000 encoded items each, in a seeded random order. */
record ThroughputWorkload(String name, TaskType task, List<byte[]> items, List<String> labels, String note) {

    static List<ThroughputWorkload> all(Path data) {
        return List.of(tabular(), shuffled(text(data)), shuffled(image(data)));
    }

    /** The same items in a seeded random order (the data files are sorted by label). */
    private static ThroughputWorkload shuffled(ThroughputWorkload w) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, w.items().size()).boxed().toList());
        Collections.shuffle(order, new Random(42));
        return new ThroughputWorkload(w.name(), w.task(), order.stream().map(w.items()::get).toList(),
                order.stream().map(w.labels()::get).toList(), w.note());
    }

    private static ThroughputWorkload tabular() {
        Random rnd = new Random(42);
        double[][] centres = new double[3][50];
        for (double[] c : centres) {
            for (int j = 0; j < 50; j++) {
                c[j] = rnd.nextGaussian();
            }
        }
        List<byte[]> items = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            int k = rnd.nextInt(3);
            float[] v = new float[50];
            for (int j = 0; j < 50; j++) {
                v[j] = (float) (centres[k][j] + 2 * rnd.nextGaussian());
            }
            items.add(ItemEncoder.encodeNumeric(v));
            labels.add("c" + k);
        }
        return new ThroughputWorkload("TABULAR", TaskType.TABULAR, items, labels,
                "20,000 synthetic rows, 50 Gaussian features around 3 class centres (seed 42)");
    }

    private static ThroughputWorkload text(Path data) {
        LabeledData d = LabeledData.load(data.resolve("text/fortunes_category.csv"));
        List<byte[]> items = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<String> words = new ArrayList<>();
        long tokens = 0;
        for (int i = 0; items.size() < 20_000; i = (i + 1) % d.size()) {
            for (String w : d.rawTexts().get(i).split("\\s+")) {
                words.add(w);
            }
            if (words.size() >= 40) {
                items.add(ItemEncoder.encodeText(String.join(" ", words.subList(0, 40))));
                labels.add(d.labels().get(i));
                tokens += 40;
                words.clear();
            }
        }
        return new ThroughputWorkload("TEXT", TaskType.TEXT, items, labels, String.format(Locale.ROOT,
                "20,000 texts of %d whitespace tokens cut from fortunes_category.csv (29 topics), encoded as hashed "
                        + "word 1-2-grams + char 3-grams", tokens / items.size()));
    }

    private static ThroughputWorkload image(Path data) {
        LabeledData d = LabeledData.load(data.resolve("image/mnist_10k.csv.gz"));
        List<byte[]> items = new ArrayList<>(d.items());
        List<String> labels = new ArrayList<>(d.labels());
        for (int i = 0; items.size() < 20_000; i++) {
            items.add(d.items().get(i));
            labels.add(d.labels().get(i));
        }
        return new ThroughputWorkload("IMAGE", TaskType.IMAGE, items, labels,
                "mnist_10k.csv.gz, 784 grey-level pixel features, repeated to 20,000 items");
    }
}
