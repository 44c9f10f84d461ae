package io.labelloop.training.internal;

import io.labelloop.learning.FamilyChoice;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A model version's family choice as stored in its provenance and listed by {@code GET .../models}. */
final class FamilyJson {
    private FamilyJson() {
    }

    static Map<String, Object> of(FamilyChoice c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("family", c.family().name());
        m.put("representation", c.representation().name());
        m.put("automatic", c.automatic());
        m.put("reason", c.reason());
        m.put("labelsWhenDecided", c.labelsWhenDecided());
        m.put("candidates", candidates(c.candidates()));
        return m;
    }

    private static List<Map<String, Object>> candidates(List<FamilyChoice.CandidateScore> scores) {
        return scores.stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("family", s.family().name());
            m.put("representation", s.representation().name());
            m.put("cvLogLoss", finite(s.cvLogLoss()));
            m.put("cvAccuracy", finite(s.cvAccuracy()));
            return m;
        }).toList();
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
