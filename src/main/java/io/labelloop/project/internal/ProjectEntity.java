package io.labelloop.project.internal;

import io.labelloop.learning.StrategyName;
import io.labelloop.learning.TaskType;
import io.labelloop.project.Project;
import io.labelloop.project.ProjectSettings;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "projects")
public class ProjectEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "task_type", nullable = false, updatable = false)
    private TaskType taskType;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    private List<String> labels = new ArrayList<>();

    private Integer budget;

    @Enumerated(EnumType.STRING)
    private StrategyName strategy;

    @Column(name = "batch_size")
    private int batchSize;

    @Column(name = "retrain_every")
    private int retrainEvery;

    @Column(name = "auto_label_threshold")
    private Double autoLabelThreshold;

    @Column(name = "auto_label_target_accuracy")
    private Double autoLabelTargetAccuracy;

    @Column(name = "holdout_fraction")
    private double holdoutFraction;

    @Column(name = "synthesis_enabled")
    private boolean synthesisEnabled;

    private boolean stopped;

    @Column(name = "synthesis_max_share")
    private double synthesisMaxShare;

    @Column(name = "synthesis_allow_flips")
    private boolean synthesisAllowFlips;

    @Column(name = "training_augmentation")
    private boolean trainingAugmentation;

    @Column(name = "model_family")
    private String modelFamily;

    @Column(name = "audit_fraction")
    private double auditFraction;

    @Column(name = "stream_labeling_share")
    private Double streamLabelingShare;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "label_keys", columnDefinition = "jsonb")
    private Map<String, String> labelKeys;

    @Column(name = "image_width")
    private Integer imageWidth;

    @Column(name = "created_by")
    private Long createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt = Instant.now();

    @Version
    private long version;

    protected ProjectEntity() {
    }

    public ProjectEntity(ProjectSettings s, Long createdBy) {
        this.taskType = s.taskType();
        this.createdBy = createdBy;
        apply(s);
    }

    /** Applies validated settings (defaults already filled in); the task type never changes. */
    public void apply(ProjectSettings s) {
        this.name = s.name();
        this.labels = new ArrayList<>(s.labels());
        this.budget = s.budget();
        this.strategy = s.strategy();
        this.batchSize = s.batchSize();
        this.retrainEvery = s.retrainEvery();
        this.autoLabelThreshold = s.autoLabelThreshold();
        this.autoLabelTargetAccuracy = s.autoLabelTargetAccuracy();
        this.holdoutFraction = s.holdoutFraction();
        this.synthesisEnabled = s.synthesisEnabled();
        this.stopped = s.stopped();
        this.auditFraction = s.auditFraction();
        this.synthesisMaxShare = s.synthesisMaxShare();
        this.synthesisAllowFlips = s.synthesisAllowFlips();
        this.trainingAugmentation = s.trainingAugmentation();
        this.modelFamily = s.modelFamily();
        this.streamLabelingShare = s.streamLabelingShare();
        this.labelKeys = s.labelKeys() == null ? null : new LinkedHashMap<>(s.labelKeys());
        this.imageWidth = s.imageWidth();
        this.updatedAt = Instant.now();
    }

    public Project toProject() {
        return new Project(id, name, taskType, List.copyOf(labels), budget, strategy, batchSize, retrainEvery,
                autoLabelThreshold, autoLabelTargetAccuracy, holdoutFraction, synthesisEnabled, stopped, auditFraction, streamLabelingShare,
                synthesisMaxShare, synthesisAllowFlips, trainingAugmentation,
                labelKeys == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labelKeys)), imageWidth, modelFamily,
                createdAt, updatedAt);
    }

    public Long getId() {
        return id;
    }
}
