package io.labelloop.training;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.labelloop.item.ItemQueries;
import io.labelloop.item.ItemVectors;
import io.labelloop.learning.ItemEncoder;
import io.labelloop.learning.LabelModel;
import io.labelloop.learning.TaskType;
import io.labelloop.project.LabelingPageSettings;
import io.labelloop.project.Project;
import io.labelloop.training.internal.ModelStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * How much each feature of a TABULAR project matters to its latest model, and the order the labeling page
 * shows the columns in. Importance is model-agnostic (it works for the linear and the kernel family alike):
 * over a fixed sample of the project's items, the mean total change of the class probabilities,
 * sum over classes of |p(x) - p(x with feature j set to its sample mean)|, scaled so that the largest is 1
 * (a one-at-a-time sensitivity, the "mean substitution" variant of permutation importance, Breiman 2001).
 * Computed once per model version and kept in a small cache.
 */
@Service
public class FeatureImportance {

    /** Items scored per feature; 31 features cost 31 x 200 predictions, a few milliseconds. */
    static final int SAMPLE = 200;

    private final ModelStore models;
    private final ItemVectors vectors;
    private final ItemQueries items;
    private final Cache<String, double[]> computed = Caffeine.newBuilder().maximumSize(500).build();

    FeatureImportance(ModelStore models, ItemVectors vectors, ItemQueries items) {
        this.models = models;
        this.vectors = vectors;
        this.items = items;
    }

    /** A column as the page shows it: its name, importance (0-1, null before a model) and whether the lead pinned it first. */
    public record Column(String name, Double importance, boolean pinned) {
    }

    /** The columns in page order, those hidden by the lead left out, and the model version the order comes from (null: none yet). */
    public record Columns(Integer modelVersion, List<Column> columns, List<String> hidden) {
    }

    /** The labeling page's column order for a project: the lead's first, then by importance, then the feature order. */
    public Columns columns(Project project) {
        List<String> names = items.featureNames(project.id());
        if (project.taskType() != TaskType.TABULAR || names.isEmpty()) {
            return new Columns(null, List.of(), List.of());
        }
        Integer version = models.latest(project.id()).map(ModelSummary::version).orElse(null);
        double[] importance = version == null ? null
                : computed.get(project.id() + "/" + version, k -> compute(project.id(), version, names.size()));
        LabelingPageSettings page = project.labelingPage();
        Set<String> hidden = new HashSet<>(page.hiddenFeatures() == null ? List.of() : page.hiddenFeatures());
        List<String> pinned = page.featureColumns() == null ? List.of()
                : page.featureColumns().stream().filter(names::contains).filter(n -> !hidden.contains(n)).distinct().toList();
        List<Column> out = new ArrayList<>();
        pinned.forEach(n -> out.add(new Column(n, valueAt(importance, names.indexOf(n)), true)));
        List<Integer> rest = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            if (!pinned.contains(names.get(j)) && !hidden.contains(names.get(j))) {
                rest.add(j);
            }
        }
        if (importance != null) {
            rest.sort(Comparator.comparingDouble((Integer j) -> -valueOrZero(importance, j)).thenComparingInt(j -> j));
        }
        rest.forEach(j -> out.add(new Column(names.get(j), valueAt(importance, j), false)));
        return new Columns(version, out, names.stream().filter(hidden::contains).toList());
    }

    private static Double valueAt(double[] importance, int j) {
        return importance == null || j < 0 || j >= importance.length ? null : importance[j];
    }

    private static double valueOrZero(double[] importance, int j) {
        return j < importance.length ? importance[j] : 0;
    }

    private double[] compute(long projectId, int version, int width) {
        LabelModel model = models.model(projectId, version);
        LabelModel.ItemScorer scorer = model.scorer();
        List<float[]> rows = new ArrayList<>();
        for (ItemVectors.LabeledVector v : vectors.sample(projectId, SAMPLE)) {
            float[] values = ItemEncoder.decode(v.encoded()).values();
            if (values != null && rows.size() < SAMPLE * 2) {
                rows.add(values);
            }
        }
        double[] importance = new double[width];
        if (rows.isEmpty()) {
            return importance;
        }
        double[] mean = new double[width];
        int[] seen = new int[width];
        for (float[] row : rows) {
            for (int j = 0; j < Math.min(width, row.length); j++) {
                if (!Float.isNaN(row[j])) {
                    mean[j] += row[j];
                    seen[j]++;
                }
            }
        }
        for (int j = 0; j < width; j++) {
            mean[j] = seen[j] == 0 ? 0 : mean[j] / seen[j];
        }
        for (float[] row : rows) {
            double[] base = scorer.probabilities(ItemEncoder.encodeNumeric(row));
            for (int j = 0; j < Math.min(width, row.length); j++) {
                float kept = row[j];
                row[j] = (float) mean[j];
                double[] moved = scorer.probabilities(ItemEncoder.encodeNumeric(row));
                row[j] = kept;
                for (int c = 0; c < base.length; c++) {
                    importance[j] += Math.abs(base[c] - moved[c]);
                }
            }
        }
        double max = java.util.Arrays.stream(importance).max().orElse(0);
        for (int j = 0; j < width; j++) {
            importance[j] = max > 0 ? importance[j] / max : 0;
        }
        return importance;
    }
}
