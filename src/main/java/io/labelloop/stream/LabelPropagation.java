package io.labelloop.stream;

import io.labelloop.annotation.AutoLabels;
import io.labelloop.annotation.LabelQueries;
import io.labelloop.item.ItemCounts;
import io.labelloop.item.ItemVectors;
import io.labelloop.learning.Prediction;
import io.labelloop.project.Project;
import io.labelloop.project.ProjectAccess;
import io.labelloop.shared.ApiException;
import io.labelloop.training.ModelPredictions;
import io.labelloop.training.ModelPredictions.PoolScorer;
import io.labelloop.training.ModelTrained;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Label propagation: the latest model labels the rest of the pool where it is confident (the
 * project's fixed threshold, or the per-class thresholds calibrated for the target accuracy).
 * Machine labels are marked AUTO with confidence and model version, never mixed with human
 * labels; once a lead has propagated, they are re-decided after every new model, and a human
 * label on an item always wins. The pool streams through in bounded memory.
 */
@Service
public class LabelPropagation {

    private static final Logger log = LoggerFactory.getLogger(LabelPropagation.class);

    private final ProjectAccess projects;
    private final ModelPredictions models;
    private final ItemVectors vectors;
    private final LabelQueries labels;
    private final ItemCounts items;
    private final AutoLabels autoLabels;
    private final JdbcClient jdbc;
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

    LabelPropagation(ProjectAccess projects, ModelPredictions models, ItemVectors vectors, LabelQueries labels,
            ItemCounts items, AutoLabels autoLabels, JdbcClient jdbc) {
        this.projects = projects;
        this.models = models;
        this.vectors = vectors;
        this.labels = labels;
        this.items = items;
        this.autoLabels = autoLabels;
        this.jdbc = jdbc;
    }

    /** What one propagation did. */
    public record Result(int modelVersion, long scanned, long autoLabeled, long removed) {
    }

    /** Propagates now and keeps doing so after every new model. */
    public Result propagate(Project project) {
        if (project.autoLabel().autoLabelThreshold() == null && project.autoLabel().autoLabelTargetAccuracy() == null) {
            throw ApiException.conflict("set autoLabelThreshold or autoLabelTargetAccuracy before propagating labels");
        }
        PoolScorer scorer = models.poolScorer(project.id())
                .orElseThrow(() -> ApiException.conflict("the project has no model yet"));
        Set<Long> labeled = labels.humanLabeledItems(project.id());
        labeled.addAll(items.importedItems(project.id()));
        var decided = new Collected();
        long[] scanned = {0};
        vectors.forEachExcept(project.id(), labeled, scorer.usesEmbeddings(), (id, encoded) -> {
            if (!scorer.canRead(encoded)) {
                return; // its embedding is not there yet: decided after it is
            }
            scanned[0]++;
            Prediction p = scorer.predict(encoded);
            if (StreamPolicy.confidentEnough(project, scorer.classThresholds(), p.label(), p.confidence())) {
                decided.add(id, p.label(), p.confidence());
            }
        });
        AutoLabels.Replaced replaced = autoLabels.replaceAll(project.id(), scorer.modelVersion(), decided);
        jdbc.sql("""
                insert into propagations (project_id, enabled, model_version, scanned, auto_labeled, removed, ran_at)
                values (?, true, ?, ?, ?, ?, now())
                on conflict (project_id) do update set enabled = true, model_version = excluded.model_version,
                    scanned = excluded.scanned, auto_labeled = excluded.auto_labeled, removed = excluded.removed, ran_at = now()""")
                .params(project.id(), scorer.modelVersion(), scanned[0], replaced.written(), replaced.removed()).update();
        log.info("Project {}: model v{} propagated {} labels over {} pool items ({} machine labels withdrawn)", project.id(),
                scorer.modelVersion(), replaced.written(), scanned[0], replaced.removed());
        return new Result(scorer.modelVersion(), scanned[0], replaced.written(), replaced.removed());
    }

    /** Stops re-deciding after new models; machine labels already given stay. */
    public void disable(long projectId) {
        jdbc.sql("update propagations set enabled = false where project_id = ?").param(projectId).update();
    }

    @TransactionalEventListener
    void on(ModelTrained event) {
        boolean enabled = jdbc.sql("select coalesce((select enabled from propagations where project_id = ?), false)")
                .param(event.projectId()).query(Boolean.class).single();
        if (enabled) {
            background.submit(() -> {
                try {
                    propagate(projects.get(event.projectId()));
                } catch (RuntimeException e) {
                    log.warn("Propagation of project {} after model v{} failed", event.projectId(), event.version(), e);
                }
            });
        }
    }

    /** Confident decisions in primitive arrays: about 16 bytes per item, for pools of millions. */
    private static final class Collected implements AutoLabels.Decided {
        private long[] ids = new long[1024];
        private String[] labelOf = new String[1024];
        private float[] confidences = new float[1024];
        private int size;

        void add(long id, String label, double confidence) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
                labelOf = Arrays.copyOf(labelOf, size * 2);
                confidences = Arrays.copyOf(confidences, size * 2);
            }
            ids[size] = id;
            labelOf[size] = label.intern();
            confidences[size++] = (float) confidence;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public long itemId(int i) {
            return ids[i];
        }

        @Override
        public String label(int i) {
            return labelOf[i];
        }

        @Override
        public double confidence(int i) {
            return confidences[i];
        }
    }
}
