package io.labelloop.training;

import java.time.Instant;
import java.util.Map;

/** One model version as the API lists it. */
public record ModelSummary(int version, Instant trainedAt, int labelCount, int humanLabels, String algorithm,
        Map<String, Object> metrics, Map<String, Object> provenance, long trainMillis, long scoreMillis, long itemsScored,
        Double stopKappa, boolean stopRecommended, Map<String, Object> autoLabelThresholds) {

    public Double accuracy() {
        return metrics.get("accuracy") instanceof Number n ? n.doubleValue() : null;
    }
}
