package io.labelloop.learning;

import io.labelloop.learning.features.Featurizer;
import io.labelloop.learning.features.ForestFeaturizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Trains a project's model as a model family: the pinned one, or with {@code AUTO} the candidate
 * (family x representation) with the lowest cross-validated log-loss on the labels so far. The choice is
 * re-made only after the labels have grown by {@link FamilyOptions#redecideGrowth()} since the last comparison,
 * and then changes only when another candidate beats the current one by {@link FamilyOptions#switchMargin()}.
 * A candidate too costly to score the whole pool in a cycle is not considered; the linear model always is.
 */
public final class FamilyTrainer {
    private final TaskType task;
    private final TrainingOptions options;
    private final FamilyOptions familyOptions;

    public FamilyTrainer(TaskType task, TrainingOptions options, FamilyOptions familyOptions) {
        this.task = task;
        this.options = options;
        this.familyOptions = familyOptions;
    }

    /** The trainer of one candidate (also what evaluation retrains with). */
    public ModelTrainer trainer(FamilyCandidate c) {
        return c.family() == ModelFamily.TREES
                ? ModelTrainer.forest(task, options, items -> c.fit(task, items, options.seed()))
                : new ModelTrainer(task, options, items -> c.fit(task, items, options.seed()));
    }

    /**
     * Chooses a family (or keeps the previous choice) and trains it.
     *
     * @param pinned   the family a lead pinned, or null for {@code AUTO}
     * @param poolSize items the model will score each cycle (weighs each candidate's scoring cost)
     */
    public LabelModel train(List<byte[]> items, List<String> labels, List<byte[]> unlabeledSample, LabelModel previous,
                            ModelFamily pinned, long poolSize) {
        int n = items.size();
        int classes = new TreeSet<>(labels).size();
        List<String> notConsidered = new ArrayList<>();
        if (pinned != null && !FamilyCandidate.offers(task, pinned, true)) {
            notConsidered.add(FamilyReasons.notOffered(pinned, task));
            pinned = ModelFamily.LINEAR;
        }
        List<FamilyCandidate> eligible = affordable(FamilyCandidate.offered(task, pinned, items.getFirst(), familyOptions.text()), items,
                classes, poolSize, notConsidered);
        String costNote = notConsidered.isEmpty() ? "" : "; " + String.join("; ", notConsidered);
        FamilyChoice before = previous == null ? null : previous.choice();
        if (eligible.size() == 1) {
            String why = pinned != null ? "pinned by a lead" : "the only family considered";
            return trainAs(eligible.getFirst(), pinned == null, List.of(), why + costNote, n, items, labels,
                    unlabeledSample, previous);
        }
        if (keepsPrevious(before, pinned, eligible, n)) {
            return trainAs(before.candidate(), before.automatic(), before.candidates(), before.reason(),
                    before.labelsWhenDecided(), items, labels, unlabeledSample, previous);
        }
        if (n < familyOptions.minLabels()) {
            String why = String.format(Locale.ROOT, "%s until there are %d labels to compare families on (%d so far)",
                    eligible.getFirst().label(), familyOptions.minLabels(), n);
            return trainAs(eligible.getFirst(), pinned == null, List.of(), why + costNote, 0, items, labels,
                    unlabeledSample, previous);
        }
        return compare(eligible, before, pinned, costNote, items, labels, unlabeledSample, previous);
    }

    private boolean keepsPrevious(FamilyChoice before, ModelFamily pinned, List<FamilyCandidate> eligible, int n) {
        return before != null && before.labelsWhenDecided() > 0 && before.automatic() == (pinned == null)
                && eligible.contains(before.candidate()) && comparedAll(before, eligible)
                && n < before.labelsWhenDecided() * familyOptions.redecideGrowth();
    }

    /**
     * Whether every eligible candidate was in the last comparison: one that became eligible since (a TEXT project's
     * embeddings got ready) is compared at once rather than after the labels have grown.
     */
    private static boolean comparedAll(FamilyChoice before, List<FamilyCandidate> eligible) {
        return eligible.stream().allMatch(c -> before.candidates().stream()
                .anyMatch(s -> s.family() == c.family() && s.representation() == c.representation()));
    }

    private LabelModel compare(List<FamilyCandidate> eligible, FamilyChoice before, ModelFamily pinned, String costNote,
                               List<byte[]> items, List<String> labels, List<byte[]> unlabeledSample,
                               LabelModel previous) {
        List<LabelModel> models = new ArrayList<>();
        List<FamilyChoice.CandidateScore> scores = new ArrayList<>();
        for (FamilyCandidate c : eligible) {
            ModelTrainer t = trainer(c);
            LabelModel m = t.train(items, labels, unlabeledSample, sameCandidate(previous, c) ? previous : null);
            CandidateValidation.Score s = CandidateValidation.score(t, m, items, labels, options.folds());
            models.add(m);
            scores.add(new FamilyChoice.CandidateScore(c.family(), c.representation(), s.logLoss(), s.accuracy()));
        }
        // a choice made before some candidates could be offered (a text's embeddings were not ready) has no say
        int incumbent = before != null && eligible.contains(before.candidate()) && comparedAll(before, eligible)
                ? eligible.indexOf(before.candidate()) : 0;
        int best = incumbent;
        for (int i = 0; i < scores.size(); i++) {
            if (scores.get(i).cvLogLoss() < scores.get(best).cvLogLoss()) {
                best = i;
            }
        }
        double needed = familyOptions.switchBelow(scores.get(incumbent).cvLogLoss());
        int chosen = best != incumbent && scores.get(best).cvLogLoss() <= needed ? best : incumbent;
        String reason = FamilyReasons.compared(eligible, scores, chosen, best, pinned, options.folds(), items.size(),
                familyOptions.switchMargin()) + costNote;
        FamilyCandidate c = eligible.get(chosen);
        return models.get(chosen).withChoice(new FamilyChoice(c.family(), c.representation(), pinned == null, scores,
                reason, items.size()));
    }

    private LabelModel trainAs(FamilyCandidate c, boolean automatic, List<FamilyChoice.CandidateScore> scores,
                               String reason, int labelsWhenDecided, List<byte[]> items, List<String> labels,
                               List<byte[]> unlabeledSample, LabelModel previous) {
        LabelModel m = trainer(c).train(items, labels, unlabeledSample, sameCandidate(previous, c) ? previous : null);
        return m.withChoice(new FamilyChoice(c.family(), c.representation(), automatic, scores, reason,
                labelsWhenDecided));
    }

    /** A previous version is only reused (penalty, warm start) by the same candidate: other features, other weights. */
    private static boolean sameCandidate(LabelModel previous, FamilyCandidate c) {
        return previous != null && previous.choice().candidate().equals(c);
    }

    private List<FamilyCandidate> affordable(List<FamilyCandidate> offered, List<byte[]> items, int classes,
                                             long poolSize, List<String> notConsidered) {
        List<FamilyCandidate> out = new ArrayList<>();
        List<byte[]> probe = items.subList(0, Math.min(items.size(), 100));
        for (FamilyCandidate c : offered) {
            Featurizer f = c.fit(task, probe, options.seed());
            double perItem = c.family() == ModelFamily.TREES
                    ? ForestFeaturizer.estimatedOperations(f, items.size(), classes)
                    : f.operationsPerItem() + (long) classes * f.dimension();
            double operations = (double) poolSize * perItem;
            if (out.isEmpty() || c.equals(FamilyCandidate.LINEAR) || operations <= familyOptions.maxPoolOperations()) {
                out.add(c);
            } else {
                notConsidered.add(FamilyReasons.tooCostly(c, poolSize, operations, familyOptions.maxPoolOperations()));
            }
        }
        return out;
    }
}
