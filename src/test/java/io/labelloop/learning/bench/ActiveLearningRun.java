package io.labelloop.learning.bench;

import io.labelloop.learning.BatchSelector;
import io.labelloop.learning.CandidateWindow;
import io.labelloop.learning.ColdStartSelector;
import io.labelloop.learning.FamilyOptions;
import io.labelloop.learning.FamilyTrainer;
import io.labelloop.learning.LabelModel;
import io.labelloop.learning.ModelFamily;
import io.labelloop.learning.ModelTrainer;
import io.labelloop.learning.SelectionOptions;
import io.labelloop.learning.StrategyName;
import io.labelloop.learning.TextRepresentation;
import io.labelloop.learning.TrainingOptions;
import io.labelloop.learning.strategy.RandomStrategy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * One oracle simulation: start from a seed batch, then retrain every {@code step} labels and ask the
 * method for the next batch, until the budget; records test accuracy after each retrain.
 */
final class ActiveLearningRun {
    /**
     * A compared method: one of the strategies, or the simple loop (fixed-L2 LR + least confidence, random start).
     * {@code candidates} above 0 scores at most that many pool items per round, a rotating window as the service's
     * cycles do ({@link CandidateWindow}); its name is then {@code STRATEGY@candidates}.
     */
    record Method(String name, StrategyName strategy, boolean simpleLoop, int candidates) {
        static final String COLD_MIX = "+COLDMIX";

        static Method of(StrategyName s) {
            return new Method(s.name(), s, false, 0);
        }

        static Method baseline() {
            return new Method("SIMPLE_LOOP", StrategyName.LEAST_CONFIDENCE, true, 0);
        }

        /**
         * The same strategy whose first batch keeps the default strategy's random share: the cold-start medoids fill
         * b - floor(0.15 b) slots and the rest are uniform random pool items; its name is then {@code STRATEGY+COLDMIX}.
         */
        Method withColdMix() {
            return new Method(name + COLD_MIX, strategy, simpleLoop, candidates);
        }

        boolean coldMix() {
            return name.endsWith(COLD_MIX);
        }

        /** The same strategy scoring at most {@code bound} candidates per round. */
        Method withCandidates(int bound) {
            return new Method(name + "@" + bound, strategy, simpleLoop, bound);
        }

        boolean randomStart() {
            return simpleLoop || strategy == StrategyName.RANDOM;
        }
    }

    private ActiveLearningRun() {
    }

    /** Accuracy on the test items after step, 2 step, ..., budget labels, with the service's default family choice. */
    static double[] run(Split split, Method method, int budget, int step, long seed) {
        return run(split, method, budget, step, seed, "AUTO");
    }

    /**
     * The same with {@code family}: AUTO, a family to pin (LINEAR, KERNEL, TREES), or NONE for the trainer from before
     * model families (the linear model on the task's features, no comparison).
     */
    static double[] run(Split split, Method method, int budget, int step, long seed, String family) {
        return run(split, method, budget, step, seed, family, TextRepresentation.NGRAMS);
    }

    /** The same with a TEXT representation setting (the split's items carry embeddings unless it is NGRAMS). */
    static double[] run(Split split, Method method, int budget, int step, long seed, String family,
                        TextRepresentation text) {
        LabeledData d = split.data();
        TrainingOptions options = method.simpleLoop()
                ? new TrainingOptions(seed, 0, 3, 1.0, 0) // fixed L2 = 1 (scikit-learn C = 1), T = 1
                : new TrainingOptions(seed, 200, 3, 4.0, 0)
                .withCommittee(method.strategy().needsCommittee() ? 3 : 0);
        ModelTrainer plain = new ModelTrainer(d.task(), options);
        FamilyTrainer families = new FamilyTrainer(d.task(), options, FamilyOptions.defaults().withText(text));
        ModelFamily pinned = "AUTO".equals(family) || "NONE".equals(family) ? null : ModelFamily.valueOf(family);
        boolean familyFree = method.simpleLoop() || "NONE".equals(family);
        List<Integer> labeled = new ArrayList<>(firstBatch(split, method, step, seed));
        Set<Integer> taken = new HashSet<>(labeled);
        double[] curve = new double[budget / step];
        LabelModel model = null;
        for (int round = 0; round < curve.length; round++) {
            List<byte[]> items = labeled.stream().map(d.items()::get).toList();
            List<String> labels = labeled.stream().map(d.labels()::get).toList();
            boolean twoClasses = new HashSet<>(labels).size() >= 2;
            LabelModel previous = model;
            model = !twoClasses ? null : familyFree ? plain.train(items, labels, List.of(), previous)
                    : families.train(items, labels, List.of(), previous, pinned, split.pool().size());
            curve[round] = model == null ? singleClassAccuracy(split, labels.get(0)) : split.testAccuracy(model);
            if (round == curve.length - 1) {
                break;
            }
            List<Integer> next = model == null ? randomBatch(split, taken, step, seed + round)
                    : nextBatch(split, method, model, labeled, taken, step, seed * 1000 + round,
                            CandidateWindow.of(split.pool().size(), method.candidates(), round + 1, seed));
            labeled.addAll(next);
            taken.addAll(next);
        }
        return curve;
    }

    static List<Integer> firstBatch(Split split, Method method, int step, long seed) {
        if (method.randomStart()) {
            return randomBatch(split, Set.of(), step, seed);
        }
        ColdStartSelector cold = new ColdStartSelector(split.data().task(), step, ColdStartSelector.DEFAULT_SAMPLE, seed);
        for (int i : split.pool()) {
            cold.offer(i, split.data().items().get(i));
        }
        List<Integer> medoids = cold.select().stream().map(s -> (int) s.itemId()).toList();
        if (!method.coldMix()) {
            return medoids;
        }
        int random = (int) Math.floor(0.15 * step);
        List<Integer> batch = new ArrayList<>(medoids.subList(0, Math.max(0, medoids.size() - random)));
        for (int i : randomBatch(split, new HashSet<>(batch), step, seed)) {
            if (batch.size() < medoids.size()) {
                batch.add(i);
            }
        }
        return batch;
    }

    static List<Integer> nextBatch(Split split, Method method, LabelModel model, List<Integer> labeled,
                                           Set<Integer> taken, int step, long seed) {
        return nextBatch(split, method, model, labeled, taken, step, seed, CandidateWindow.of(0, 0, 0, 0));
    }

    /** The same, offering only the pool items in the window (a top-up, if any, is drawn from the whole pool). */
    static List<Integer> nextBatch(Split split, Method method, LabelModel model, List<Integer> labeled,
                                           Set<Integer> taken, int step, long seed, CandidateWindow window) {
        BatchSelector selector = BatchSelector.create(model, method.strategy(), SelectionOptions.ofBatch(step).withSeed(seed));
        if (method.strategy() == StrategyName.CORESET) {
            labeled.forEach(i -> selector.addLabeled(split.data().items().get(i)));
        }
        for (int i : split.pool()) {
            if (!taken.contains(i) && window.contains(slotOf(i))) {
                selector.offer(i, split.data().items().get(i));
            }
        }
        List<Integer> picked = new ArrayList<>(selector.select().stream().map(s -> (int) s.itemId()).toList());
        if (picked.size() < step) { // top up (e.g. k-center ran out of distinct points)
            Set<Integer> now = new HashSet<>(taken);
            now.addAll(picked);
            picked.addAll(randomBatch(split, now, step - picked.size(), seed));
        }
        return picked;
    }

    /** A pool item's candidate slot: a hash of its index, as the service hashes item ids (SplitMix64's finaliser). */
    static int slotOf(int index) {
        long z = index * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (int) ((z ^ (z >>> 31)) & (CandidateWindow.SLOTS - 1));
    }

    static List<Integer> randomBatch(Split split, Set<Integer> taken, int b, long seed) {
        return split.pool().stream().filter(i -> !taken.contains(i))
                .sorted(Comparator.comparingDouble(i -> RandomStrategy.score(i, seed))).limit(b).toList();
    }

    private static double singleClassAccuracy(Split split, String label) {
        return IntStream.of(split.testIndices()).filter(i -> split.data().labels().get(i).equals(label)).count()
                / (double) split.testIndices().length;
    }

}
