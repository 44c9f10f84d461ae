package io.labelloop.learning;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The sentences a {@link FamilyChoice} gives people. */
final class FamilyReasons {
    private FamilyReasons() {
    }

    /** E.g. "chosen automatically: CV log-loss 0.41 vs LINEAR 0.63 (3-fold cross-validation on 60 labels)". */
    static String compared(List<FamilyCandidate> candidates, List<FamilyChoice.CandidateScore> scores, int chosen,
                           int best, ModelFamily pinned, int folds, int labels, double margin) {
        List<String> others = new ArrayList<>();
        for (int i = 0; i < scores.size(); i++) {
            if (i != chosen) {
                others.add(candidates.get(i).label() + " " + loss(scores.get(i).cvLogLoss()));
            }
        }
        String how = pinned == null ? "chosen automatically" : pinned.name() + " pinned by a lead, representation chosen";
        String text = how + ": CV log-loss " + loss(scores.get(chosen).cvLogLoss()) + " vs " + String.join(", ", others);
        if (best != chosen) {
            text += String.format(Locale.ROOT, "; kept, as %s is not better by the %.0f%% (and %.2f) needed to switch",
                    candidates.get(best).label(), margin * 100, FamilyOptions.MIN_SWITCH_GAIN);
        }
        return text + String.format(Locale.ROOT, " (%d-fold cross-validation on %d labels)", folds, labels);
    }

    static String tooCostly(FamilyCandidate c, long poolSize, double operations, double limit) {
        return String.format(Locale.ROOT,
                "%s not considered: scoring the pool of %,d items would take about %.1e operations, "
                        + "more than the %.0e a cycle allows", c.label(), poolSize, operations, limit);
    }

    static String notOffered(ModelFamily family, TaskType task) {
        return family.name() + " is not offered for " + task.name() + " projects; LINEAR instead";
    }

    private static String loss(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }
}
