package io.labelloop.project.internal;

import io.labelloop.learning.TaskType;
import io.labelloop.project.AutoLabelSettings;
import io.labelloop.project.LabelingPageSettings;
import io.labelloop.project.ModelSettings;
import io.labelloop.project.Project;
import io.labelloop.project.ProjectSettings;
import io.labelloop.project.QueueSettings;
import io.labelloop.project.StreamSettings;
import io.labelloop.project.SynthesisSettings;
import io.labelloop.project.TeamSettings;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
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
import java.util.List;
import java.util.Objects;
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

    // One embedded record per capability; its components map to columns by name (batchSize: batch_size).
    @Embedded
    private QueueSettings queue;

    @Embedded
    private ModelSettings model;

    @Embedded
    private AutoLabelSettings autoLabel;

    @Embedded
    private StreamSettings stream;

    @Embedded
    private SynthesisSettings synthesis;

    @Embedded
    private LabelingPageSettings labelingPage;

    @Embedded
    private TeamSettings team;

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
        this.queue = s.queue();
        this.model = s.model();
        this.autoLabel = s.autoLabel();
        this.stream = s.stream();
        this.synthesis = s.synthesis();
        this.labelingPage = s.labelingPage();
        this.team = s.team();
        this.updatedAt = Instant.now();
    }

    /**
     * The project as other modules see it. Hibernate reads an embedded record whose columns are all
     * null as null; such a capability has all its values unset.
     */
    public Project toProject() {
        return new Project(id, name, taskType, List.copyOf(labels), queue, model, autoLabel,
                Objects.requireNonNullElse(stream, StreamSettings.UNSET), synthesis,
                Objects.requireNonNullElse(labelingPage, LabelingPageSettings.UNSET),
                Objects.requireNonNullElse(team, TeamSettings.UNSET).withDefaults(),
                createdAt, updatedAt);
    }

    public Long getId() {
        return id;
    }
}
