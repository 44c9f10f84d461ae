package io.labelloop.learning.bench;

import io.labelloop.learning.LabelModel;
import io.labelloop.learning.ModelTrainer;
import io.labelloop.learning.StrategyName;
import io.labelloop.learning.TaskType;
import io.labelloop.learning.TextRepresentation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Label-efficiency benchmark: oracle simulation of every strategy, the simple loop and RANDOM on every
 * dataset under a data folder; writes {@code label-efficiency.md}, {@code .svg} and {@code -curves.csv}.
 * <p>Usage: {@code LabelEfficiencyBenchmark [--data ../shared/data] [--out docs] [--seeds 10] [--budget 500]
 * [--step 20] [--threads 2] [--datasets a,b] [--methods RANDOM,SIMPLE_LOOP,...] [--max-pool n] [--max-test n]
 * [--merge true] [--report-only true] [--first-seed 42] [--splits dir] [--family AUTO|LINEAR|KERNEL|TREES|NONE]
 * [--text-representation NGRAMS|EMBEDDINGS|BOTH|AUTO]}: {@code --text-representation} other than NGRAMS (the
 * default) gives every text of the split its sentence embedding ({@link EmbeddedTexts}) and trains with that setting;
 * the cold start and the default strategy's diversity then work in embedding space, as in the service.
 * {@code --family} is the model family setting the strategies train with (NONE: the linear trainer from before model
 * families; the simple loop always trains that). The seeds are first-seed, first-seed + 1, ...: a
 * confirmation run on fresh seeds (e.g. {@code --first-seed 52}) checks a choice made on the default seeds.
 * With {@code --merge true} the methods run replace their own curves in a
 * dataset's existing result and the other methods' curves are kept (re-running one changed strategy).
 * With {@code --splits dir} it only writes each dataset's split and first batches there ({@link SplitExport}) for
 * the scikit-learn reference loops, whose curves ({@code label-efficiency-raw/sklearn/}) the report merges in
 * ({@link ReferenceCurves}); no method re-run touches them.
 */
public final class LabelEfficiencyBenchmark {
    private LabelEfficiencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchArguments opt = BenchArguments.parse(args);
        Path data = opt.data();
        Path out = opt.out();
        int seeds = opt.seeds();
        int budget = opt.budget();
        int step = opt.step();
        List<String> only = opt.list("datasets");
        List<ActiveLearningRun.Method> methods = methods(opt.values().get("methods"));
        int maxPool = opt.integer("max-pool", 1000000);
        int maxTest = opt.integer("max-test", 2000);
        long firstSeed = opt.integer("first-seed", 42);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(data)) {
            files = walk.filter(p -> p.toString().matches(".*\\.csv(\\.gz)?$")).sorted()
                    .filter(p -> only.isEmpty() || only.stream().anyMatch(o -> p.getFileName().toString().startsWith(o)))
                    .toList();
        }
        Files.createDirectories(out);
        if (opt.values().containsKey("splits")) {
            exportSplits(files, Path.of(opt.text("splits", "")), budget, step, maxPool, maxTest, firstSeed, seeds);
            return;
        }
        if (opt.flag("report-only")) {
            BenchmarkReport.write(out, readAll(out), seeds, budget, step);
            return;
        }
        boolean merge = opt.flag("merge");
        ExecutorService pool = Executors.newFixedThreadPool(opt.threads());
        try {
            run(files, methods, pool, out, new Settings(seeds, firstSeed, budget, step, maxPool, maxTest, merge,
                    opt.values().getOrDefault("family", "AUTO"),
                    TextRepresentation.valueOf(opt.text("text-representation", "NGRAMS"))));
        } finally {
            pool.shutdownNow();
        }
    }

    private static void exportSplits(List<Path> files, Path dir, int budget, int step, int maxPool, int maxTest,
                                     long firstSeed, int seeds) throws IOException {
        for (Path file : files) {
            LabeledData d = LabeledData.load(file);
            Split split = Split.stratified(d, 0.25, maxTest, maxPool, 42);
            int runBudget = Math.min(budget, split.pool().size() / step * step);
            SplitExport.write(dir.resolve(d.name() + ".txt"), file, split, runBudget, step, firstSeed, seeds);
        }
    }

    private record Settings(int seeds, long firstSeed, int budget, int step, int maxPool, int maxTest, boolean merge,
                            String family, TextRepresentation text) {
    }

    private static void run(List<Path> files, List<ActiveLearningRun.Method> methods, ExecutorService pool, Path out,
                            Settings settings) throws Exception {
        int seeds = settings.seeds(), budget = settings.budget(), step = settings.step();
        int maxPool = settings.maxPool(), maxTest = settings.maxTest();
        long start = System.nanoTime();
        for (Path file : files) {
            LabeledData d = LabeledData.load(file);
            Split split = Split.stratified(d, 0.25, maxTest, maxPool, 42);
            if (d.task() == TaskType.TEXT && settings.text() != TextRepresentation.NGRAMS) {
                d = EmbeddedTexts.attach(d, split, Path.of("target/embedding-cache"));
                split = new Split(d, split.pool(), split.testIndices());
            }
            Split finalSplit = split;
            int runBudget = Math.min(budget, split.pool().size() / step * step);
            LabelModel full = new ModelTrainer(d.task()).train(split.pool().stream().map(d.items()::get).toList(),
                    split.pool().stream().map(d.labels()::get).toList());
            double fullAccuracy = split.testAccuracy(full);
            Map<String, List<Future<double[]>>> futures = new LinkedHashMap<>();
            for (ActiveLearningRun.Method m : methods) {
                List<Future<double[]>> runs = new ArrayList<>();
                for (int s = 0; s < seeds; s++) {
                    long seed = settings.firstSeed() + s;
                    runs.add(pool.submit(() -> ActiveLearningRun.run(finalSplit, m, runBudget, step, seed,
                            settings.family(), settings.text())));
                }
                futures.put(m.name(), runs);
            }
            Path raw = out.resolve("label-efficiency-raw").resolve(d.name() + ".csv");
            Map<String, double[][]> curves = new LinkedHashMap<>();
            if (settings.merge() && Files.exists(raw)) {
                curves.putAll(DatasetResult.fromCsv(Files.readAllLines(raw)).curves());
            }
            for (var e : futures.entrySet()) {
                double[][] c = new double[seeds][];
                for (int s = 0; s < seeds; s++) {
                    c[s] = e.getValue().get(s).get();
                }
                curves.put(e.getKey(), c);
            }
            DatasetResult r = new DatasetResult(d.name(), d.task(), d.size(), split.pool().size(),
                    split.testIndices().length, (int) d.labels().stream().distinct().count(), fullAccuracy, step, curves);
            Files.createDirectories(out.resolve("label-efficiency-raw"));
            Files.writeString(raw, r.toCsv());
            System.err.printf("%s done after %.0f s (full-pool accuracy %.3f)%n", d.name(),
                    (System.nanoTime() - start) / 1e9, fullAccuracy);
            BenchmarkReport.write(out, readAll(out), seeds, budget, step);
        }
    }

    /** Every dataset result written so far (runs may be split over several invocations), text first. */
    static List<DatasetResult> readAll(Path out) throws IOException {
        List<DatasetResult> all = new ArrayList<>();
        Path raw = out.resolve("label-efficiency-raw");
        try (Stream<Path> files = Files.list(raw)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                all.add(ReferenceCurves.merge(DatasetResult.fromCsv(Files.readAllLines(f)), raw));
            }
        }
        all.sort(java.util.Comparator.comparing((DatasetResult r) -> r.task().ordinal()).thenComparing(DatasetResult::name));
        return all;
    }

    private static List<ActiveLearningRun.Method> methods(String spec) {
        List<ActiveLearningRun.Method> all = new ArrayList<>();
        all.add(ActiveLearningRun.Method.of(StrategyName.RANDOM));
        all.add(ActiveLearningRun.Method.baseline());
        Arrays.stream(StrategyName.values()).filter(s -> s != StrategyName.RANDOM)
                .forEach(s -> all.add(ActiveLearningRun.Method.of(s)));
        if (spec == null) {
            return all;
        }
        List<ActiveLearningRun.Method> chosen = new ArrayList<>();
        for (String name : spec.split(",")) { // NAME, NAME@n: scoring at most n candidates per round; NAME+COLDMIX
            boolean coldMix = name.endsWith(ActiveLearningRun.Method.COLD_MIX);
            String[] parts = name.replace(ActiveLearningRun.Method.COLD_MIX, "").split("@");
            all.stream().filter(m -> m.name().equals(parts[0])).findFirst()
                    .map(m -> parts.length > 1 ? m.withCandidates(Integer.parseInt(parts[1])) : m)
                    .map(m -> coldMix ? m.withColdMix() : m)
                    .ifPresent(chosen::add);
        }
        return chosen;
    }
}
