package io.labelloop.learning.bench;

import io.labelloop.learning.ItemEncoder;
import io.labelloop.learning.TaskType;
import io.labelloop.learning.synthesis.SyntheticDraft;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated annotator for synthetic items, whose true labels no file holds. IMAGE drafts are small edits
 * of one real item (brightness, contrast, shift, rotation): a person reads the same digit, so the answer is that
 * item's true label. TABULAR drafts (interpolations, noise) get the majority true label of their
 * {@value #K} nearest real pool items (standardised distance) when at least {@value #AGREE} of them agree, and
 * otherwise count as "not a valid example" (the annotator cannot tell; it costs no budget). The oracle knows
 * the pool's labels, as an expert knows the domain; it never sees the test items.
 */
final class SyntheticOracle {
    static final int K = 5, AGREE = 4;
    /** Ids of labeled synthetic items start here, above every dataset index. */
    static final long SYNTHETIC_ID_BASE = 1L << 40;
    private final Split split;
    private final float[][] values;   // per dataset index, features or pixels in [0, 1]; null for test items
    private final float scale;        // IMAGE: grey level of 1.0 in the data's own units
    private final int side;
    private final double[] mean, sd;
    private final Map<Long, String> syntheticLabels = new HashMap<>();

    SyntheticOracle(Split split) {
        this.split = split;
        LabeledData d = split.data();
        this.values = new float[d.size()][];
        float max = 0;
        for (int i : split.pool()) {
            values[i] = ItemEncoder.decode(d.items().get(i)).values();
            for (float v : values[i]) {
                max = Math.max(max, v);
            }
        }
        int width = values[split.pool().get(0)].length;
        this.scale = d.task() == TaskType.IMAGE ? max : 1f;
        this.side = (int) Math.round(Math.sqrt(width));
        for (int i : split.pool()) {
            for (int j = 0; j < width && scale != 1f; j++) {
                values[i][j] /= scale;
            }
        }
        this.mean = new double[width];
        this.sd = new double[width];
        for (int j = 0; j < width; j++) {
            double s = 0, sq = 0;
            for (int i : split.pool()) {
                s += values[i][j];
                sq += (double) values[i][j] * values[i][j];
            }
            int n = split.pool().size();
            mean[j] = s / n;
            sd[j] = Math.max(1e-9, Math.sqrt(Math.max(0, sq / n - mean[j] * mean[j])));
        }
    }

    /** A copy: each simulation run labels its own synthetic items. */
    SyntheticOracle(SyntheticOracle shared) {
        this.split = shared.split;
        this.values = shared.values;
        this.scale = shared.scale;
        this.side = shared.side;
        this.mean = shared.mean;
        this.sd = shared.sd;
    }

    float[] values(int poolIndex) {
        return values[poolIndex];
    }

    int imageSide() {
        return split.data().task() == TaskType.IMAGE ? side : 0;
    }

    /** The draft encoded as the dataset's items are (pixels back in the data's own grey levels). */
    byte[] encode(SyntheticDraft draft) {
        if (split.data().task() != TaskType.IMAGE) {
            return ItemEncoder.encodeNumeric(draft.values());
        }
        float[] px = draft.values().clone();
        for (int j = 0; j < px.length; j++) {
            px[j] *= scale;
        }
        return ItemEncoder.encodePixels(px);
    }

    /** The label a person would give, or null for "not a valid example". */
    String label(SyntheticDraft draft) {
        if (split.data().task() == TaskType.IMAGE) {
            return labelOf(draft.derivedFrom().get(0));
        }
        int[] nearest = nearestPoolItems(draft.values());
        Map<String, Integer> votes = new HashMap<>();
        for (int i : nearest) {
            votes.merge(split.data().labels().get(i), 1, Integer::sum);
        }
        return votes.entrySet().stream().filter(e -> e.getValue() >= AGREE).map(Map.Entry::getKey).findFirst()
                .orElse(null);
    }

    /** Remembers the label given to a synthetic item (it may later be a parent) and returns its id. */
    long remember(String label) {
        long id = SYNTHETIC_ID_BASE + syntheticLabels.size();
        syntheticLabels.put(id, label);
        return id;
    }

    String labelOf(long id) {
        return id >= SYNTHETIC_ID_BASE ? syntheticLabels.get(id) : split.data().labels().get((int) id);
    }

    private int[] nearestPoolItems(float[] x) {
        List<Integer> pool = split.pool();
        double[] dist = new double[pool.size()];
        for (int p = 0; p < dist.length; p++) {
            float[] v = values[pool.get(p)];
            double s = 0;
            for (int j = 0; j < x.length; j++) {
                double d = (x[j] - v[j]) / sd[j];
                s += d * d;
            }
            dist[p] = s;
        }
        return java.util.stream.IntStream.range(0, dist.length).boxed()
                .sorted(java.util.Comparator.comparingDouble(p -> dist[p])).limit(K)
                .mapToInt(pool::get).toArray();
    }
}
