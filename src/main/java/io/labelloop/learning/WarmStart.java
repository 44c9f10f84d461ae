package io.labelloop.learning;

import io.labelloop.learning.features.Featurizer;
import io.labelloop.learning.model.SoftmaxWeights;
import java.util.List;

/** The previous model version's weights carried over to a new version's columns and classes, as a solver's start. */
final class WarmStart {
    private WarmStart() {
    }

    /**
     * Weights over {@code featurizer}'s columns and {@code classes} taken from {@code previous} where it has the same
     * feature and class (zero elsewhere); null without a previous model or when its features are not comparable.
     */
    static SoftmaxWeights from(LabelModel previous, Featurizer featurizer, List<String> classes) {
        if (previous == null) {
            return null;
        }
        int[] columns = featurizer.columnsIn(previous.featurizer());
        if (columns == null) {
            return null;
        }
        SoftmaxWeights p = previous.weights();
        int k = classes.size(), d = featurizer.dimension();
        float[] w = new float[k * d];
        float[] b = new float[k];
        for (int c = 0; c < k; c++) {
            int pc = previous.classes().indexOf(classes.get(c));
            if (pc < 0) {
                continue;
            }
            b[c] = p.bias(pc);
            for (int j = 0; j < d; j++) {
                if (columns[j] >= 0 && columns[j] < p.dimension()) {
                    w[j * k + c] = p.weight(columns[j], pc);
                }
            }
        }
        return new SoftmaxWeights(k, d, w, b, 1.0);
    }
}
