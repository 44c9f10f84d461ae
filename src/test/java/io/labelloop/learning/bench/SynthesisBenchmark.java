package io.labelloop.learning.bench;

import io.labelloop.learning.LabelModel;
import io.labelloop.learning.ModelTrainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Synthesis benchmark: the default strategy with membership query synthesis off and on (and with label-preserving
 * training copies) on every TABULAR and IMAGE dataset under a data folder; writes {@code synthesis.md} from the
 * per-dataset results in {@code synthesis-raw/}.
 * <p>Usage: {@code SynthesisBenchmark [--data ../shared/data] [--out docs] [--seeds 10] [--budget 500] [--step 20]
 * [--threads 2] [--datasets a,b] [--modes OFF,QUERY,AUGMENT] [--max-pool 4000] [--max-test 1000] [--report-only true]}
 */
public final class SynthesisBenchmark {
    private SynthesisBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchArguments opt = BenchArguments.parse(args);
        Path out = opt.out();
        int seeds = opt.seeds(), budget = opt.budget(), step = opt.step();
        int maxPool = opt.integer("max-pool", 4000), maxTest = opt.integer("max-test", 1000);
        List<String> only = opt.list("datasets");
        List<SynthesisRun.Mode> modes = Stream.of(opt.text("modes", "OFF,QUERY,AUGMENT").split(","))
                .map(SynthesisRun.Mode::valueOf).toList();
        Path raw = out.resolve("synthesis-raw");
        Files.createDirectories(raw);
        if (!opt.flag("report-only")) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(opt.data())) {
                files = walk.filter(p -> p.toString().matches(".*/(tabular|image)/.*\\.csv(\\.gz)?$")).sorted()
                        .filter(p -> only.isEmpty() || only.stream().anyMatch(o -> p.getFileName().toString().startsWith(o)))
                        .toList();
            }
            ExecutorService pool = Executors.newFixedThreadPool(opt.threads());
            try {
                for (Path f : files) {
                    runDataset(f, modes, pool, raw, seeds, budget, step, maxPool, maxTest);
                }
            } finally {
                pool.shutdownNow();
            }
        }
        SynthesisReport.write(out, raw, seeds, budget, step, maxPool, maxTest);
    }

    private static void runDataset(Path file, List<SynthesisRun.Mode> modes, ExecutorService pool, Path raw, int seeds,
                                   int budget, int step, int maxPool, int maxTest) throws Exception {
        long start = System.nanoTime();
        LabeledData d = LabeledData.load(file);
        Split split = Split.stratified(d, 0.25, maxTest, maxPool, 42);
        int runBudget = Math.min(budget, split.pool().size() / step * step);
        LabelModel full = new ModelTrainer(d.task()).train(split.pool().stream().map(d.items()::get).toList(),
                split.pool().stream().map(d.labels()::get).toList());
        SyntheticOracle oracle = new SyntheticOracle(split);
        Map<String, List<Future<SynthesisRun.Outcome>>> futures = new LinkedHashMap<>();
        for (SynthesisRun.Mode m : modes) {
            List<Future<SynthesisRun.Outcome>> runs = new ArrayList<>();
            for (int s = 0; s < seeds; s++) {
                long seed = 42L + s;
                runs.add(pool.submit(() -> SynthesisRun.run(split, oracle, m, runBudget, step, seed)));
            }
            futures.put(m.name(), runs);
        }
        Map<String, double[][]> curves = new LinkedHashMap<>();
        StringBuilder counts = new StringBuilder();
        for (var e : futures.entrySet()) {
            double[][] c = new double[seeds][];
            for (int s = 0; s < seeds; s++) {
                SynthesisRun.Outcome o = e.getValue().get(s).get();
                c[s] = o.curve();
                counts.append(String.format(Locale.ROOT, "%s,%d,%d,%d%n", e.getKey(), s, o.asked(), o.valid()));
            }
            curves.put(e.getKey(), c);
        }
        DatasetResult r = new DatasetResult(d.name(), d.task(), d.size(), split.pool().size(),
                split.testIndices().length, (int) d.labels().stream().distinct().count(), split.testAccuracy(full), step,
                curves);
        Files.writeString(raw.resolve(d.name() + ".csv"), r.toCsv());
        Files.writeString(raw.resolve(d.name() + ".synthetic"), counts.toString());
        System.err.printf(Locale.ROOT, "%s (%s) done in %.0f s%n", d.name(), d.task(), (System.nanoTime() - start) / 1e9);
    }
}
