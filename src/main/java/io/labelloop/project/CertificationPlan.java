package io.labelloop.project;

import io.labelloop.learning.ThresholdCalibrator;

/**
 * What an auto-label target accuracy needs from the holdout against what the budget and holdout share
 * give, with settings that would work. The service certifies a target with its own test
 * ({@link ThresholdCalibrator}, Learn-then-Test at 95% confidence): {@code needed} holdout items above
 * the threshold with no error is the least that can ever work; {@code neededWithOneError} with one wrong;
 * {@code neededWithRoom} when a model is wrong on half the allowed share of them, a realistic model
 * (-1 when over a million). {@code holdoutGiven} is about budget × holdout share, the holdout labels the
 * settings give at most (null: unlimited budget). When {@code possible} is false the suggestions say
 * what works (any may be null): the holdout share or the budget that give {@code neededWithRoom}
 * (or {@code needed} where that is out of reach), or the highest target in steps of 0.01 these settings
 * can certify with room for errors.
 */
public record CertificationPlan(
        double target,
        int needed,
        int neededWithOneError,
        int neededWithRoom,
        Integer budget,
        double holdoutFraction,
        Integer holdoutGiven,
        boolean possible,
        boolean roomy,
        Double suggestedHoldoutFraction,
        Integer suggestedBudget,
        Double suggestedTarget) {

    private static final int LIMIT = 1_000_000;
    private static final double MAX_HOLDOUT_FRACTION = 0.9;

    /** The plan for these settings, or null when no target accuracy is set. */
    public static CertificationPlan of(QueueSettings queue, AutoLabelSettings autoLabel) {
        if (autoLabel == null || autoLabel.autoLabelTargetAccuracy() == null) {
            return null;
        }
        double target = autoLabel.autoLabelTargetAccuracy();
        if (!(target > 0 && target < 1)) {
            return null; // the constraints on the setting report it
        }
        QueueSettings q = queue.withDefaults();
        double fraction = q.holdoutFraction();
        Integer budget = q.budget();
        int needed = ThresholdCalibrator.holdoutNeeded(target, 0);
        int one = ThresholdCalibrator.holdoutNeeded(target, 1);
        int room = ThresholdCalibrator.holdoutNeededAtErrorShare(target, (1 - target) / 2, LIMIT);
        Integer given = budget == null ? null : (int) Math.floor(budget * fraction + 1e-9);
        boolean possible = fraction > 0 && (given == null || given >= needed);
        int aim = room > 0 ? room : needed;
        boolean roomy = fraction > 0 && (given == null || given >= aim);
        Double suggestedFraction = null;
        Integer suggestedBudget = null;
        Double suggestedTarget = null;
        if (!roomy) {
            if (budget != null && budget > 0) {
                double f = Math.ceil(100.0 * aim / budget) / 100;
                if (f > MAX_HOLDOUT_FRACTION && !possible) {
                    f = Math.ceil(100.0 * needed / budget) / 100;
                }
                suggestedFraction = f <= MAX_HOLDOUT_FRACTION && f > fraction ? f : null;
            }
            if (fraction > 0) {
                suggestedBudget = (int) Math.ceil(aim / fraction - 1e-9);
            }
            if (given != null) {
                for (int percent = (int) Math.ceil(target * 100) - 1; percent >= 50; percent--) {
                    double t = percent / 100.0;
                    int r = ThresholdCalibrator.holdoutNeededAtErrorShare(t, (1 - t) / 2, LIMIT);
                    if (r > 0 && r <= given) {
                        suggestedTarget = t;
                        break;
                    }
                }
            }
        }
        return new CertificationPlan(target, needed, one, room, budget, fraction, given, possible, roomy,
                suggestedFraction, suggestedBudget, suggestedTarget);
    }

    /** The validation message when the settings can never certify the target, naming what works. */
    public String problem() {
        StringBuilder s = new StringBuilder(String.format(java.util.Locale.ROOT,
                "%.2f cannot be certified with these settings: the service's test needs at least %d holdout labels "
                        + "above the threshold with no error, and ", target, needed));
        if (holdoutFraction <= 0) {
            s.append("a holdout share of 0 gives none");
        } else {
            s.append(String.format(java.util.Locale.ROOT, "a budget of %d with a holdout share of %.2f gives at most %d",
                    budget, holdoutFraction, holdoutGiven));
        }
        java.util.List<String> ways = new java.util.ArrayList<>();
        if (suggestedHoldoutFraction != null) {
            ways.add(String.format(java.util.Locale.ROOT, "a holdout share of %.2f", suggestedHoldoutFraction));
        }
        if (suggestedBudget != null) {
            ways.add("a budget of " + suggestedBudget);
        }
        if (suggestedTarget != null) {
            ways.add(String.format(java.util.Locale.ROOT, "a target of %.2f", suggestedTarget));
        }
        if (!ways.isEmpty()) {
            s.append("; settings that work: ").append(String.join(", or ", ways));
        }
        return s.toString();
    }
}
