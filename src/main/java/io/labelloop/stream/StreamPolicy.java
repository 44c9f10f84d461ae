package io.labelloop.stream;

import io.labelloop.project.Project;
import io.labelloop.training.ModelPredictions.Scored;
import java.util.Map;

/** The stream's rules as plain functions of the project's settings and counts: no store, no clock. */
final class StreamPolicy {

    private StreamPolicy() {
    }

    /** A reproducible uniform draw per item (a hash of its id), so the audit sample is random and unbiased. */
    static boolean drawnForAudit(Project project, long itemId) {
        long h = itemId * 0x9E3779B97F4A7C15L;
        h ^= h >>> 31;
        double u = (h >>> 11) * 0x1.0p-53;
        return u < project.autoLabel().auditFraction();
    }

    /** The auto-label rule for a scored item. */
    static boolean confidentEnough(Project project, Scored s) {
        return confidentEnough(project, s.classThresholds(), s.label(), s.confidence());
    }

    /**
     * The auto-label rule, for the stream and for propagation: at or above the fixed threshold, or the
     * predicted class's calibrated threshold for a target accuracy; never without either.
     */
    static boolean confidentEnough(Project project, Map<String, Double> classThresholds, String label, double confidence) {
        if (project.autoLabel().autoLabelThreshold() != null) {
            return confidence >= project.autoLabel().autoLabelThreshold();
        }
        if (project.autoLabel().autoLabelTargetAccuracy() != null && classThresholds != null) {
            Double threshold = classThresholds.get(label);
            return threshold != null && confidence >= threshold;
        }
        return false;
    }

    /**
     * Budget kept for audits when the model may label on its own: the audit share of the budget (at least
     * one label), which only audits may spend, so the realized accuracy can still be measured after the
     * uncertain items have used up the rest.
     */
    static long auditReserve(Project project) {
        boolean autoLabels = project.autoLabel().autoLabelThreshold() != null || project.autoLabel().autoLabelTargetAccuracy() != null;
        if (project.queue().budget() == null || !autoLabels || project.autoLabel().auditFraction() <= 0) {
            return 0;
        }
        return Math.max(1, (long) Math.ceil(project.autoLabel().auditFraction() * project.queue().budget()));
    }

    /**
     * Whether the next human label asked for goes to the holdout: the holdout keeps its {@code share} of the
     * {@code asked} human labels (labeled and waiting), of which {@code held} are holdout draws.
     */
    static boolean holdoutDue(double share, long asked, long held) {
        return held < share * (asked + 1);
    }
}
