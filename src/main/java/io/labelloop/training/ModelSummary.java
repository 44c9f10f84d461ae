package io.labelloop.training;

import io.labelloop.learning.HoldoutAccuracy;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One model version as the API lists it. {@code family} is what was trained ({@code LINEAR} for versions from before
 * model families), {@code representation} the features it started from, {@code candidates} what was compared when the
 * choice was made ({@code [{"family", "representation", "cvLogLoss", "cvAccuracy"}]}, empty when nothing was), and
 * {@code familyReason} why, in a sentence. {@code textRepresentation} (TEXT projects): what the model read, NGRAMS,
 * EMBEDDINGS or BOTH (null for other projects and for versions from before sentence embeddings).
 */
public record ModelSummary(int version, Instant trainedAt, int labelCount, int humanLabels, String algorithm,
        Map<String, Object> metrics, Map<String, Object> provenance, long trainMillis, long scoreMillis, long itemsScored,
        Double stopKappa, boolean stopRecommended, Map<String, Object> autoLabelThresholds, String family,
        String representation, List<Object> candidates, String familyReason, String textRepresentation) {

    /** A summary whose family fields are read from the provenance (absent before model families: linear). */
    public static ModelSummary of(int version, Instant trainedAt, int labelCount, int humanLabels, String algorithm,
            Map<String, Object> metrics, Map<String, Object> provenance, long trainMillis, long scoreMillis,
            long itemsScored, Double stopKappa, boolean stopRecommended, Map<String, Object> autoLabelThresholds) {
        Map<?, ?> f = provenance.get("family") instanceof Map<?, ?> m ? m : Map.of();
        Map<?, ?> text = provenance.get("text") instanceof Map<?, ?> m ? m : Map.of();
        return new ModelSummary(version, trainedAt, labelCount, humanLabels, algorithm, metrics, provenance, trainMillis,
                scoreMillis, itemsScored, stopKappa, stopRecommended, autoLabelThresholds,
                f.get("family") instanceof String s ? s : "LINEAR",
                f.get("representation") instanceof String s ? s : "STANDARD",
                f.get("candidates") instanceof List<?> l ? List.copyOf(l) : List.of(),
                f.get("reason") instanceof String s ? s : null,
                text.get("representation") instanceof String s ? s : null);
    }

    /** "KERNEL", or "KERNEL over HOG" when the family starts from another representation than the task's own. */
    public String familyLabel() {
        return "STANDARD".equals(representation) ? family : family + " over " + representation;
    }

    /** Why a TEXT model read n-grams although its setting wants embeddings (they were not all there), else null. */
    public String textNote() {
        return provenance.get("text") instanceof Map<?, ?> t && t.get("note") instanceof String s ? s : null;
    }

    /**
     * Whether the model download has an ONNX form of this version: the linear and kernel families on numbers or
     * pixels (a kernel model over more than 2,048 input columns hashes them and has none: its download says so).
     */
    public boolean hasOnnx(io.labelloop.learning.TaskType task) {
        return task != io.labelloop.learning.TaskType.TEXT && ("LINEAR".equals(family) || "KERNEL".equals(family))
                && "STANDARD".equals(representation);
    }

    public Double accuracy() {
        return metrics.get("accuracy") instanceof Number n ? n.doubleValue() : null;
    }

    /**
     * The accuracy on the holdout labels with its 95% interval: stored with the version ({@code metrics.holdout},
     * also when the holdout was too small to be the evaluation method), or, for versions stored without it, derived
     * from the metrics when they came from the holdout. Empty when the version had no holdout labels.
     */
    public java.util.Optional<HoldoutAccuracy> holdoutAccuracy() {
        if (metrics.get("holdout") instanceof Map<?, ?> h && h.get("evaluatedOn") instanceof Number n
                && h.get("correct") instanceof Number k && n.intValue() > 0) {
            return java.util.Optional.of(HoldoutAccuracy.of(n.intValue(), k.intValue()));
        }
        if ("HOLDOUT".equals(metrics.get("method")) && metrics.get("evaluatedOn") instanceof Number n && n.intValue() > 0
                && accuracy() != null) {
            return java.util.Optional.of(HoldoutAccuracy.of(n.intValue(), (int) Math.round(accuracy() * n.intValue())));
        }
        return java.util.Optional.empty();
    }
}
