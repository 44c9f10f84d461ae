package io.labelloop.project.web;

import io.labelloop.learning.StrategyName;
import io.labelloop.learning.TaskType;
import io.labelloop.project.LabelKeys;
import io.labelloop.project.Project;
import io.labelloop.project.ProjectSettings;
import java.util.Arrays;
import java.util.List;

/**
 * What the project form posts: the settings as a lead types them (labels one per line, an empty
 * budget for unlimited). It becomes a {@link ProjectSettings} command, validated by the same rules as the API.
 */
public class ProjectForm {

    private String name;
    private TaskType taskType = TaskType.TEXT;
    private String labels = "";
    private Integer budget;
    private StrategyName strategy = StrategyName.recommendedDefault();
    private Integer batchSize = ProjectSettings.DEFAULT_BATCH_SIZE;
    private Integer retrainEvery = ProjectSettings.DEFAULT_RETRAIN_EVERY;
    private Double holdoutFraction = ProjectSettings.DEFAULT_HOLDOUT_FRACTION;
    private Double autoLabelThreshold;
    private Double autoLabelTargetAccuracy;
    private boolean stopped;
    private Double auditFraction = ProjectSettings.DEFAULT_AUDIT_FRACTION;
    private Double streamLabelingShare;
    private boolean synthesisEnabled;
    private Double synthesisMaxShare = ProjectSettings.DEFAULT_SYNTHESIS_MAX_SHARE;
    private boolean synthesisAllowFlips;
    private boolean trainingAugmentation;
    private String labelKeys = "";
    private Integer imageWidth;
    private String modelFamily = ProjectSettings.AUTO_FAMILY;

    static ProjectForm of(Project p) {
        ProjectForm f = new ProjectForm();
        f.name = p.name();
        f.taskType = p.taskType();
        f.labels = String.join("\n", p.labels());
        f.budget = p.budget();
        f.strategy = p.strategy();
        f.batchSize = p.batchSize();
        f.retrainEvery = p.retrainEvery();
        f.holdoutFraction = p.holdoutFraction();
        f.autoLabelThreshold = p.autoLabelThreshold();
        f.autoLabelTargetAccuracy = p.autoLabelTargetAccuracy();
        f.stopped = p.stopped();
        f.auditFraction = p.auditFraction();
        f.streamLabelingShare = p.streamLabelingShare();
        f.synthesisEnabled = p.synthesisEnabled();
        f.synthesisMaxShare = p.synthesisMaxShare();
        f.synthesisAllowFlips = p.synthesisAllowFlips();
        f.trainingAugmentation = p.trainingAugmentation();
        f.labelKeys = LabelKeys.toLines(p.labelKeys());
        f.imageWidth = p.imageWidth();
        f.modelFamily = p.modelFamily();
        return f;
    }

    ProjectSettings toSettings() {
        List<String> labelList = labels == null ? List.of()
                : Arrays.stream(labels.split("\\R")).map(String::strip).filter(l -> !l.isEmpty()).toList();
        return new ProjectSettings(name == null ? null : name.strip(), taskType, labelList, budget, strategy, batchSize,
                retrainEvery, autoLabelThreshold, autoLabelTargetAccuracy, holdoutFraction, synthesisEnabled, stopped,
                auditFraction, streamLabelingShare, synthesisMaxShare, synthesisAllowFlips,
                trainingAugmentation, LabelKeys.fromLines(labelKeys), imageWidth,
                modelFamily);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public TaskType getTaskType() {
        return taskType;
    }

    public void setTaskType(TaskType taskType) {
        this.taskType = taskType;
    }

    public String getLabels() {
        return labels;
    }

    public void setLabels(String labels) {
        this.labels = labels;
    }

    public Integer getBudget() {
        return budget;
    }

    public void setBudget(Integer budget) {
        this.budget = budget;
    }

    public StrategyName getStrategy() {
        return strategy;
    }

    public void setStrategy(StrategyName strategy) {
        this.strategy = strategy;
    }

    public Integer getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(Integer batchSize) {
        this.batchSize = batchSize;
    }

    public Integer getRetrainEvery() {
        return retrainEvery;
    }

    public void setRetrainEvery(Integer retrainEvery) {
        this.retrainEvery = retrainEvery;
    }

    public Double getHoldoutFraction() {
        return holdoutFraction;
    }

    public void setHoldoutFraction(Double holdoutFraction) {
        this.holdoutFraction = holdoutFraction;
    }

    public Double getAutoLabelThreshold() {
        return autoLabelThreshold;
    }

    public void setAutoLabelThreshold(Double autoLabelThreshold) {
        this.autoLabelThreshold = autoLabelThreshold;
    }

    public Double getAutoLabelTargetAccuracy() {
        return autoLabelTargetAccuracy;
    }

    public void setAutoLabelTargetAccuracy(Double autoLabelTargetAccuracy) {
        this.autoLabelTargetAccuracy = autoLabelTargetAccuracy;
    }

    public boolean isStopped() {
        return stopped;
    }

    public void setStopped(boolean stopped) {
        this.stopped = stopped;
    }

    public Double getAuditFraction() {
        return auditFraction;
    }

    public void setAuditFraction(Double auditFraction) {
        this.auditFraction = auditFraction;
    }

    public Double getStreamLabelingShare() {
        return streamLabelingShare;
    }

    public void setStreamLabelingShare(Double streamLabelingShare) {
        this.streamLabelingShare = streamLabelingShare;
    }

    public Double getSynthesisMaxShare() {
        return synthesisMaxShare;
    }

    public void setSynthesisMaxShare(Double synthesisMaxShare) {
        this.synthesisMaxShare = synthesisMaxShare;
    }

    public boolean isTrainingAugmentation() {
        return trainingAugmentation;
    }

    public void setTrainingAugmentation(boolean trainingAugmentation) {
        this.trainingAugmentation = trainingAugmentation;
    }

    public String getModelFamily() {
        return modelFamily;
    }

    public void setModelFamily(String modelFamily) {
        this.modelFamily = modelFamily;
    }

    public boolean isSynthesisAllowFlips() {
        return synthesisAllowFlips;
    }

    public void setSynthesisAllowFlips(boolean synthesisAllowFlips) {
        this.synthesisAllowFlips = synthesisAllowFlips;
    }

    public boolean isSynthesisEnabled() {
        return synthesisEnabled;
    }

    public void setSynthesisEnabled(boolean synthesisEnabled) {
        this.synthesisEnabled = synthesisEnabled;
    }

    public String getLabelKeys() {
        return labelKeys;
    }

    public void setLabelKeys(String labelKeys) {
        this.labelKeys = labelKeys;
    }

    public Integer getImageWidth() {
        return imageWidth;
    }

    public void setImageWidth(Integer imageWidth) {
        this.imageWidth = imageWidth;
    }
}
