package io.labelloop.project;

import io.labelloop.learning.ModelFamily;
import io.labelloop.learning.StrategyName;
import io.labelloop.learning.TaskType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A project as the API and other modules see it. */
public record Project(
        long id,
        String name,
        TaskType taskType,
        List<String> labels,
        Integer budget,
        StrategyName strategy,
        int batchSize,
        int retrainEvery,
        Double autoLabelThreshold,
        Double autoLabelTargetAccuracy,
        double holdoutFraction,
        boolean synthesisEnabled,
        boolean stopped,
        double auditFraction,
        Double streamLabelingShare,
        double synthesisMaxShare,
        boolean synthesisAllowFlips,
        boolean trainingAugmentation,
        Map<String, String> labelKeys,
        Integer imageWidth,
        String modelFamily,
        Instant createdAt,
        Instant updatedAt) {

    /** The family a lead pinned, or null when {@code AUTO} chooses. */
    public ModelFamily pinnedFamily() {
        return ModelFamilies.pinned(modelFamily);
    }

    public boolean hasLabel(String label) {
        return labels.contains(label);
    }
}
