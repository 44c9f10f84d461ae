package io.labelloop.learning.bench;

import io.labelloop.learning.AutoLabelThresholds;
import io.labelloop.learning.LabelModel;
import io.labelloop.learning.ModelTrainer;
import io.labelloop.learning.Prediction;
import io.labelloop.learning.ThresholdCalibrator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Simulated streams with auto-labeling at a target accuracy: per run, a random 300 human labels
 * train the model, 200 more (the holdout) calibrate per-class thresholds by Learn-then-Test
 * (95% confidence), and every other item arrives on the stream: auto-labeled when its confidence
 * reaches its class's threshold, else it would go to a human. Reports, per dataset and overall,
 * how often the realized accuracy of the machine labels met the target, the coverage (share of
 * the stream auto-labeled) and so the human labels saved against labeling everything.
 * Usage: StreamGuaranteeBenchmark dataFolder runsPerDataset targetAccuracy
 */
public final class StreamGuaranteeBenchmark {

    private static final int TRAIN = 300;
    private static final int HOLDOUT = 200;

    private StreamGuaranteeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/data");
        int runs = Integer.parseInt(args.length > 1 ? args[1] : "10");
        double target = Double.parseDouble(args.length > 2 ? args[2] : "0.95");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(data)) {
            files = walk.filter(p -> p.toString().matches(".*\\.csv(\\.gz)?$")).sorted().toList();
        }
        System.out.printf(Locale.ROOT, "Target accuracy %.2f, %d runs per dataset, %d training + %d holdout labels per run%n%n",
                target, runs, TRAIN, HOLDOUT);
        System.out.println("| dataset | stream items | runs | target met | realized accuracy (mean, min) | coverage (mean) | human labels saved per 1,000 stream items |");
        System.out.println("|---|---|---|---|---|---|---|");
        int allRuns = 0;
        int allMet = 0;
        for (Path file : files) {
            LabeledData d = LabeledData.load(file);
            if (d.size() < TRAIN + HOLDOUT + 100) {
                continue;
            }
            int met = 0;
            double accSum = 0;
            double accMin = 1;
            int accRuns = 0;
            double coverageSum = 0;
            for (int r = 0; r < runs; r++) {
                double[] outcome = run(d, target, 1000L + r);
                boolean ok = Double.isNaN(outcome[0]) || outcome[0] >= target;
                met += ok ? 1 : 0;
                if (!Double.isNaN(outcome[0])) {
                    accSum += outcome[0];
                    accMin = Math.min(accMin, outcome[0]);
                    accRuns++;
                }
                coverageSum += outcome[1];
            }
            allRuns += runs;
            allMet += met;
            double coverage = coverageSum / runs;
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %d/%d | %s | %.3f | %.0f |%n", d.name(), d.size() - TRAIN - HOLDOUT,
                    runs, met, runs, accRuns == 0 ? "none auto-labeled" : String.format(Locale.ROOT, "%.3f, %.3f", accSum / accRuns, accMin),
                    coverage, coverage * 1000);
        }
        System.out.printf(Locale.ROOT, "%nOverall: target met in %d of %d runs (%.1f%%)%n", allMet, allRuns, 100.0 * allMet / allRuns);
    }

    /** {realized accuracy of the auto-labels (NaN when none), coverage}. */
    private static double[] run(LabeledData d, double target, long seed) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, d.size()).boxed().toList());
        Collections.shuffle(order, new Random(seed));
        List<Integer> train = order.subList(0, TRAIN);
        List<Integer> holdout = order.subList(TRAIN, TRAIN + HOLDOUT);
        List<Integer> stream = order.subList(TRAIN + HOLDOUT, order.size());
        if (train.stream().map(d.labels()::get).distinct().count() < 2) {
            return new double[] {Double.NaN, 0};
        }
        LabelModel model = new ModelTrainer(d.task()).train(train.stream().map(d.items()::get).toList(),
                train.stream().map(d.labels()::get).toList());
        AutoLabelThresholds t = ThresholdCalibrator.calibrate(model, holdout.stream().map(d.items()::get).toList(),
                holdout.stream().map(d.labels()::get).toList(), target);
        if (!t.enoughHoldout()) {
            return new double[] {Double.NaN, 0};
        }
        LabelModel.ItemScorer scorer = model.scorer();
        int auto = 0;
        int correct = 0;
        for (int i : stream) {
            Prediction p = scorer.predict(d.items().get(i));
            Double threshold = t.thresholds().get(p.label());
            if (threshold != null && p.confidence() >= threshold) {
                auto++;
                correct += p.label().equals(d.labels().get(i)) ? 1 : 0;
            }
        }
        return new double[] {auto == 0 ? Double.NaN : correct / (double) auto, auto / (double) stream.size()};
    }
}
