package io.labelloop.learning.bench;

import io.labelloop.learning.LabelModel;
import io.labelloop.learning.ModelTrainer;
import io.labelloop.learning.StrategyName;
import io.labelloop.learning.TrainingOptions;
import io.labelloop.learning.strategy.RandomStrategy;
import io.labelloop.learning.synthesis.SynthesisOptions;
import io.labelloop.learning.synthesis.SynthesisSeed;
import io.labelloop.learning.synthesis.Synthesizer;
import io.labelloop.learning.synthesis.SyntheticDraft;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One oracle simulation of the default strategy with synthesis off, on (each round of {@code step} requests holds
 * up to a quarter synthetic items; a synthetic label costs budget, an invalid one does not and a real item takes
 * its place), or with label-preserving training copies (one per human-labeled item, free). Accuracy is measured
 * on the real test items only, after every {@code step} labels.
 */
final class SynthesisRun {
    enum Mode { OFF, QUERY, AUGMENT }

    /** Accuracy per checkpoint, and synthetic items asked and validly labeled over the run. */
    record Outcome(double[] curve, int asked, int valid) {
    }

    static final int SEED_SAMPLE = 1000;

    private SynthesisRun() {
    }

    static Outcome run(Split split, SyntheticOracle shared, Mode mode, int budget, int step, long seed) {
        LabeledData d = split.data();
        SyntheticOracle oracle = new SyntheticOracle(shared);
        ActiveLearningRun.Method method = ActiveLearningRun.Method.of(StrategyName.recommendedDefault());
        ModelTrainer trainer = new ModelTrainer(d.task(), new TrainingOptions(seed, 200, 3, 4.0, 0));
        List<Integer> labeled = new ArrayList<>(ActiveLearningRun.firstBatch(split, method, step, seed));
        Set<Integer> taken = new HashSet<>(labeled);
        List<SyntheticDraft> synthetic = new ArrayList<>();
        List<Long> syntheticIds = new ArrayList<>();
        double[] curve = new double[budget / step];
        int asked = 0;
        LabelModel model = null;
        for (int round = 0; round < curve.length; round++) {
            List<byte[]> items = new ArrayList<>(labeled.stream().map(d.items()::get).toList());
            List<String> labels = new ArrayList<>(labeled.stream().map(d.labels()::get).toList());
            synthetic.forEach(s -> items.add(oracle.encode(s)));
            syntheticIds.forEach(id -> labels.add(oracle.labelOf(id)));
            if (mode == Mode.AUGMENT) {
                for (SyntheticDraft copy : Synthesizer.labelPreservingCopies(d.task(), labeledSeeds(d, labeled, oracle,
                        null), options(oracle, labeled.size(), seed * 1000 + round))) {
                    items.add(oracle.encode(copy));
                    labels.add(oracle.labelOf(copy.derivedFrom().get(0)));
                }
            }
            model = new HashSet<>(labels).size() >= 2 ? trainer.train(items, labels, List.of(), model) : null;
            curve[round] = model == null ? 0 : split.testAccuracy(model);
            if (round == curve.length - 1) {
                break;
            }
            int spent = 0;
            if (mode == Mode.QUERY && model != null) {
                LabelModel current = model;
                List<SynthesisSeed> seeds = labeledSeeds(d, labeled, oracle, current);
                for (int k = 0; k < synthetic.size(); k++) {
                    seeds.add(seed(syntheticIds.get(k), synthetic.get(k).values(), model, oracle.encode(synthetic.get(k)),
                            oracle.labelOf(syntheticIds.get(k))));
                }
                split.pool().stream().filter(i -> !taken.contains(i))
                        .sorted(Comparator.comparingDouble(i -> RandomStrategy.score(i, seed + 7))).limit(SEED_SAMPLE)
                        .forEach(i -> seeds.add(seed(i, oracle.values(i), current, d.items().get(i), null)));
                for (SyntheticDraft draft : Synthesizer.synthesize(d.task(), seeds, options(oracle, step / 4,
                        seed * 1000 + round))) {
                    asked++;
                    String label = oracle.label(draft);
                    if (label != null) {
                        synthetic.add(draft);
                        syntheticIds.add(oracle.remember(label));
                        spent++;
                    }
                }
            }
            List<Integer> next = model == null ? ActiveLearningRun.randomBatch(split, taken, step, seed + round)
                    : ActiveLearningRun.nextBatch(split, method, model, labeled, taken, step - spent, seed * 1000 + round);
            labeled.addAll(next);
            taken.addAll(next);
        }
        return new Outcome(curve, asked, synthetic.size());
    }

    private static SynthesisOptions options(SyntheticOracle oracle, int count, long seed) {
        return new SynthesisOptions(count, seed, false, oracle.imageSide(), oracle.imageSide());
    }

    private static List<SynthesisSeed> labeledSeeds(LabeledData d, List<Integer> labeled, SyntheticOracle oracle,
                                                    LabelModel model) {
        List<SynthesisSeed> seeds = new ArrayList<>();
        for (int i : labeled) {
            seeds.add(model == null ? new SynthesisSeed(i, null, oracle.values(i), null, 0, oracle.labelOf(i))
                    : seed(i, oracle.values(i), model, d.items().get(i), oracle.labelOf(i)));
        }
        return seeds;
    }

    /** A seed with the model's label and uncertainty 1 - (p1 - p2). */
    private static SynthesisSeed seed(long id, float[] values, LabelModel model, byte[] encoded, String humanLabel) {
        double[] p = model.scorer().probabilities(encoded);
        double[] sorted = p.clone();
        Arrays.sort(sorted);
        int arg = 0;
        for (int c = 1; c < p.length; c++) {
            arg = p[c] > p[arg] ? c : arg;
        }
        double margin = sorted[sorted.length - 1] - sorted[sorted.length - 2];
        return new SynthesisSeed(id, null, values, model.classes().get(arg), Math.max(0, Math.min(1, 1 - margin)),
                humanLabel);
    }
}
