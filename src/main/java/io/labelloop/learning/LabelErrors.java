package io.labelloop.learning;

import io.labelloop.learning.model.CalibrationError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.LongConsumer;

/**
 * Labels the model believes are wrong, by confident learning (Northcutt, Jiang &amp; Chuang 2021) on out-of-fold
 * predicted probabilities: per-class thresholds (the mean probability of a class over the items given it), the
 * confident joint of given and likely-true labels, calibrated to the label counts, and per given class as many items
 * pruned as the joint's off-diagonal says, those with the largest margin for the other class first ("prune by noise
 * rate"); an item the model predicts as its given label is never flagged. Flags are ranked by self-confidence (the
 * lower the probability of the given label, the higher the score {@code 1 - p[given]}).
 *
 * <p>The out-of-fold probabilities come from stratified k-fold over the labeled items with the model's own trainer,
 * penalty and temperature, each fold warm-started from the full model (as {@link CandidateValidation}); at most
 * {@link #MAX_ITEMS} items (a seeded random sample) take part, so the cost is bounded: {@code folds} fits on at most
 * that many items.
 */
public final class LabelErrors {
    /** Labeled items used at most (a seeded sample of them beyond it). */
    public static final int MAX_ITEMS = 5000;
    /** Folds of the out-of-fold predictions. */
    public static final int FOLDS = 5;
    /** Fewer labeled items than this: nothing is flagged (the folds would be too small to learn from). */
    public static final int MIN_ITEMS = 30;

    private LabelErrors() {
    }

    /** A flagged item: its index in the lists given, the suggested label (class index) and the score (1 - p[given]). */
    public record Flag(int index, int suggested, double score) {
    }

    /** The model's most probable class (index into the classes) for an item (its index in the lists given). */
    public record Vote(int index, int label) {
    }

    /**
     * The flags (highest score first), the classes they index, how many items and folds were used, and the model's
     * vote on each item used (out of fold; held-out items: the full model's), for consensus to weigh.
     */
    public record Result(List<Flag> flags, List<String> classes, int itemsUsed, int folds, List<Vote> votes) {
        public static final Result NONE = new Result(List.of(), List.of(), 0, 0, List.of());
    }

    /** Out-of-fold probabilities of the labeled items and confident learning on them. */
    public static Result find(ModelTrainer trainer, LabelModel full, List<byte[]> items, List<String> labels, long seed) {
        return find(trainer, full, items, labels, List.of(), List.of(), seed);
    }

    /**
     * The same, with held-out items besides (indexes after the training items'): the full model never saw them, so
     * its probabilities are theirs, and their labels are checked too.
     */
    public static Result find(ModelTrainer trainer, LabelModel full, List<byte[]> items, List<String> labels,
            List<byte[]> heldOut, List<String> heldOutLabels, long seed) {
        return find(trainer, full, items, labels, heldOut, heldOutLabels, seed, worked -> {
        });
    }

    /**
     * The same, calling {@code afterFold} with the nanoseconds each fold's fit took (a caller that shares the cores
     * pauses there).
     */
    public static Result find(ModelTrainer trainer, LabelModel full, List<byte[]> items, List<String> labels,
            List<byte[]> heldOut, List<String> heldOutLabels, long seed, LongConsumer afterFold) {
        if (items.size() < MIN_ITEMS) {
            return Result.NONE;
        }
        List<Integer> used = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            used.add(i);
        }
        if (used.size() > MAX_ITEMS) {
            Collections.shuffle(used, new Random(seed));
            used = new ArrayList<>(used.subList(0, MAX_ITEMS));
            Collections.sort(used);
        }
        List<byte[]> x = used.stream().map(items::get).toList();
        List<String> y = used.stream().map(labels::get).toList();
        List<String> classes = full.classes();
        double[][] oof = outOfFoldProbabilities(trainer, full, x, y, seed, afterFold);
        int extra = Math.min(heldOut.size(), MAX_ITEMS);
        double[][] p = java.util.Arrays.copyOf(oof, x.size() + extra);
        int[] given = new int[p.length];
        LabelModel.ItemScorer scorer = full.scorer();
        for (int i = 0; i < p.length; i++) {
            if (i >= x.size()) {
                p[i] = scorer.probabilities(heldOut.get(i - x.size()));
                used.add(items.size() + i - x.size());
            }
            given[i] = classes.indexOf(i < x.size() ? y.get(i) : heldOutLabels.get(i - x.size()));
        }
        List<Flag> flags = new ArrayList<>();
        for (Flag f : confidentLearning(p, given, classes.size())) {
            flags.add(new Flag(used.get(f.index()), f.suggested(), f.score()));
        }
        List<Vote> votes = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            int best = 0;
            for (int c = 1; c < p[i].length; c++) {
                best = p[i][c] > p[i][best] ? c : best;
            }
            if (p[i][best] > 1.0 / p[i].length) { // a fold that could not be trained has no opinion
                votes.add(new Vote(used.get(i), best));
            }
        }
        return new Result(flags, classes, p.length, FOLDS, votes);
    }

    /** Out-of-fold probabilities ({@link #FOLDS} folds; uniform where a fold could not be trained), in {@code full}'s class order. */
    public static double[][] outOfFoldProbabilities(ModelTrainer trainer, LabelModel full, List<byte[]> items,
            List<String> labels, long seed) {
        return outOfFoldProbabilities(trainer, full, items, labels, seed, worked -> {
        });
    }

    private static double[][] outOfFoldProbabilities(ModelTrainer trainer, LabelModel full, List<byte[]> items,
            List<String> labels, long seed, LongConsumer afterFold) {
        double[][] oof = CandidateValidation.outOfFold(trainer, full, items, labels, FOLDS, seed, afterFold);
        for (int i = 0; i < oof.length; i++) {
            if (oof[i] == null) { // its fold could not be trained: no opinion
                oof[i] = new double[full.classes().size()];
                java.util.Arrays.fill(oof[i], 1.0 / full.classes().size());
            }
        }
        return oof;
    }

    /**
     * Confident learning ("prune by noise rate", ranked by self-confidence) on probabilities {@code p} of items given
     * labels {@code given} (class indexes; -1: not a class of {@code p}, never flagged).
     */
    public static List<Flag> confidentLearning(double[][] p, int[] given, int k) {
        int n = p.length;
        double[] threshold = new double[k];
        int[] count = new int[k];
        for (int i = 0; i < n; i++) {
            if (given[i] >= 0) {
                threshold[given[i]] += p[i][given[i]];
                count[given[i]]++;
            }
        }
        for (int c = 0; c < k; c++) {
            threshold[c] = count[c] == 0 ? 1.0 : threshold[c] / count[c];
        }
        // confident joint: given label x the most probable class among those at or above their threshold
        double[][] joint = new double[k][k];
        for (int i = 0; i < n; i++) {
            if (given[i] < 0) {
                continue;
            }
            int best = -1;
            for (int c = 0; c < k; c++) {
                if (p[i][c] >= threshold[c] && (best < 0 || p[i][c] > p[i][best])) {
                    best = c;
                }
            }
            if (best >= 0) {
                joint[given[i]][best]++;
            }
        }
        // calibrated: each row sums to its label count, the whole to the number of items
        double total = 0;
        for (int s = 0; s < k; s++) {
            double row = 0;
            for (int c = 0; c < k; c++) {
                row += joint[s][c];
            }
            for (int c = 0; c < k; c++) {
                joint[s][c] = row == 0 ? 0 : joint[s][c] / row * count[s];
                total += joint[s][c];
            }
        }
        int labeled = 0;
        for (int c : count) {
            labeled += c;
        }
        boolean[] flagged = new boolean[n];
        for (int s = 0; s < k; s++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (given[i] == s) {
                    members.add(i);
                }
            }
            for (int c = 0; c < k; c++) {
                if (c == s) {
                    continue;
                }
                int remove = (int) Math.round(total == 0 ? 0 : joint[s][c] * labeled / total);
                // never a whole class: at least one item keeps it
                remove = Math.min(remove, Math.max(0, members.size() - 1));
                if (remove == 0) {
                    continue;
                }
                final int other = c;
                final int label = s;
                members.stream()
                        .sorted(Comparator.comparingDouble((Integer i) -> p[i][label] - p[i][other]).thenComparingInt(i -> i))
                        .limit(remove)
                        .forEach(i -> flagged[i] = true);
            }
        }
        List<Flag> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!flagged[i]) {
                continue;
            }
            int predicted = CalibrationError.argmax(p[i]);
            if (predicted == given[i]) {
                continue;
            }
            out.add(new Flag(i, predicted, 1 - p[i][given[i]]));
        }
        out.sort(Comparator.comparingDouble(Flag::score).reversed().thenComparingInt(Flag::index));
        return out;
    }
}
