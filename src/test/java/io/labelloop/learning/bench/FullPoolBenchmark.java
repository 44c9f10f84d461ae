package io.labelloop.learning.bench;

import io.labelloop.learning.LabelModel;
import io.labelloop.learning.ModelTrainer;
import io.labelloop.learning.TrainingOptions;
import io.labelloop.learning.features.FeatureBuffer;
import io.labelloop.learning.features.Featurizer;
import io.labelloop.learning.features.Featurizers;
import io.labelloop.learning.model.LbfgsSoftmaxTrainer;
import io.labelloop.learning.model.RegularisationSearch;
import io.labelloop.learning.model.SoftmaxWeights;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Accuracy with every pool label: the linear model before the L-BFGS solver ({@link PreviousLinearModel}), the
 * model {@link ModelTrainer} trains now (cross-validating the penalty at any label count), and, when
 * {@code bench/full-pool.sh} has run scikit-learn on the same split, scikit-learn's {@code LogisticRegression}
 * (C by 3-fold CV log-loss) on its features and our solver on exactly those features. Two passes: {@code --phase
 * splits} writes each dataset's pool/test ids for scikit-learn; {@code --phase compare} trains and writes the table.
 */
public final class FullPoolBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private FullPoolBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        BenchArguments opt = BenchArguments.parse(args);
        Path out = Path.of(opt.text("out", "target/full-pool"));
        int maxPool = opt.integer("max-pool", 10_000);
        List<String> only = opt.list("datasets");
        Files.createDirectories(out.resolve("splits"));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(opt.data())) {
            files = walk.filter(p -> p.toString().matches(".*\\.csv(\\.gz)?$")).sorted()
                    .filter(p -> only.isEmpty() || only.stream().anyMatch(o -> p.getFileName().toString().startsWith(o)))
                    .toList();
        }
        boolean compare = opt.text("phase", "compare").equals("compare");
        StringBuilder table = new StringBuilder(header());
        for (Path file : files) {
            LabeledData d = LabeledData.load(file);
            Split split = Split.stratified(d, 0.25, 2000, maxPool, 42);
            if (!compare) {
                writeSplit(out.resolve("splits").resolve(d.name() + ".csv"), split);
                continue;
            }
            String row = compare(d, split, out.resolve("sklearn"));
            System.out.print(row);
            table.append(row);
        }
        if (compare) {
            Files.writeString(out.resolve("full-pool.md"), table);
        }
    }

    private static String header() {
        return "| dataset | classes | pool / test | before: SGD, C | now: L-BFGS, C | CPU s now (CV + fit) "
                + "| scikit-learn LR, C | our solver on scikit-learn's features, C |\n"
                + "|---|---|---|---|---|---|---|---|\n";
    }

    private static void writeSplit(Path file, Split split) throws IOException {
        List<String> lines = new ArrayList<>(List.of("id,part"));
        split.pool().forEach(i -> lines.add(split.data().ids().get(i) + ",pool"));
        for (int i : split.testIndices()) {
            lines.add(split.data().ids().get(i) + ",test");
        }
        Files.write(file, lines);
    }

    private static String compare(LabeledData d, Split split, Path sklearnDir) throws IOException {
        List<byte[]> items = split.pool().stream().map(d.items()::get).toList();
        List<String> labels = split.pool().stream().map(d.labels()::get).toList();
        List<String> classes = new ArrayList<>(new TreeSet<>(labels));
        ModelTrainer trainer = new ModelTrainer(d.task(), new TrainingOptions(42, Integer.MAX_VALUE, 3, 1.0, 0));
        long cpu = THREADS.getCurrentThreadCpuTime();
        LabelModel now = trainer.train(items, labels);
        double seconds = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9;
        Featurizer f = Featurizers.fit(d.task(), items);
        List<FeatureBuffer> x = Featurizers.featurise(f, items);
        int[] y = labels.stream().mapToInt(classes::indexOf).toArray();
        PreviousLinearModel.Fit before = PreviousLinearModel.train(x, y, classes.size(), f.dimension(), 42);
        List<FeatureBuffer> testX = Featurizers.featurise(f, stream(split.testIndices()).map(d.items()::get).toList());
        int[] testY = stream(split.testIndices()).mapToInt(i -> classes.indexOf(d.labels().get(i))).toArray();
        return String.format(Locale.ROOT, "| %s | %d | %d / %d | %.4f, %s | %.4f, %s | %.2f | %s | %s |%n", d.name(),
                classes.size(), items.size(), testY.length, accuracy(before.weights(), testX, testY),
                c(before.l2()), split.testAccuracy(now), c(now.metadata().l2()), seconds,
                sklearn(sklearnDir, d.name()), onSklearnFeatures(sklearnDir, d.name()));
    }

    private static Stream<Integer> stream(int[] indices) {
        return java.util.Arrays.stream(indices).boxed();
    }

    private static String c(double l2) {
        return String.format(Locale.ROOT, "%.3g", 1 / l2);
    }

    /** Share of rows whose most probable class is {@code y[i]} (-1: a class the model does not know). */
    static double accuracy(SoftmaxWeights w, List<FeatureBuffer> x, int[] y) {
        double[] p = new double[w.classes()];
        int correct = 0;
        for (int i = 0; i < x.size(); i++) {
            w.probabilities(x.get(i), p);
            int arg = 0;
            for (int c = 1; c < p.length; c++) {
                arg = p[c] > p[arg] ? c : arg;
            }
            correct += arg == y[i] ? 1 : 0;
        }
        return correct / (double) x.size();
    }

    /** scikit-learn's accuracy and C from {@code <name>.json}, or "not run". */
    private static String sklearn(Path dir, String name) throws IOException {
        Path json = dir.resolve(name + ".json");
        if (!Files.exists(json)) {
            return "not run";
        }
        String s = Files.readString(json);
        return String.format(Locale.ROOT, "%.4f, %s", number(s, "accuracy"), number(s, "C"));
    }

    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":\\s*([-0-9.eE+]+)").matcher(json);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /** Our penalty search and solver on the rows scikit-learn was given (svmlight files it wrote). */
    private static String onSklearnFeatures(Path dir, String name) throws IOException {
        Path train = dir.resolve(name + ".train.svm"), test = dir.resolve(name + ".test.svm");
        if (!Files.exists(train)) {
            return "not run";
        }
        Svmlight tr = Svmlight.read(train), te = Svmlight.read(test);
        int dimension = Math.max(tr.dimension(), te.dimension());
        int classes = Math.max(tr.classes(), te.classes());
        List<String> names = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            names.add(Integer.toString(k));
        }
        RegularisationSearch.Choice c = RegularisationSearch.choose(tr.x(), tr.y(), names, dimension,
                RegularisationSearch.DEFAULT_GRID, 3, 42);
        SoftmaxWeights w = LbfgsSoftmaxTrainer.train(tr.x(), tr.y(), classes, dimension, c.l2(), c.foldMean()).weights();
        return String.format(Locale.ROOT, "%.4f, %s", accuracy(w, te.x(), te.y()), c(c.l2()));
    }

    /** Rows of an svmlight file ({@code class index:value ...}, zero-based indices). */
    record Svmlight(List<FeatureBuffer> x, int[] y, int dimension, int classes) {
        static Svmlight read(Path file) throws IOException {
            List<FeatureBuffer> x = new ArrayList<>();
            List<Integer> y = new ArrayList<>();
            int dimension = 0, classes = 0;
            for (String line : Files.readAllLines(file)) {
                String[] parts = line.trim().split("\\s+");
                int label = (int) Double.parseDouble(parts[0]);
                y.add(label);
                classes = Math.max(classes, label + 1);
                FeatureBuffer row = new FeatureBuffer();
                for (int i = 1; i < parts.length; i++) {
                    int colon = parts[i].indexOf(':');
                    int index = Integer.parseInt(parts[i].substring(0, colon));
                    row.add(index, Float.parseFloat(parts[i].substring(colon + 1)));
                    dimension = Math.max(dimension, index + 1);
                }
                x.add(row.copy());
            }
            return new Svmlight(x, y.stream().mapToInt(Integer::intValue).toArray(), dimension, classes);
        }
    }
}
