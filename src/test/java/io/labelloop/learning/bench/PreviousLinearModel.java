package io.labelloop.learning.bench;

import io.labelloop.learning.features.FeatureBuffer;
import io.labelloop.learning.model.RegularisationSearch;
import io.labelloop.learning.model.SoftmaxWeights;
import io.labelloop.learning.model.SparseSoftmaxTrainer;
import java.util.ArrayList;
import java.util.List;

/**
 * The linear model as trained before the L-BFGS solver (kept for side-by-side figures): SGD with AdaGrad over a
 * fixed work budget ({@link SparseSoftmaxTrainer}), lambda in {0.001, 0.01, 0.1, 1} (C = 1,000 down to 1) by
 * 3-fold cross-validated log-loss up to 2,000 labels, lambda = 1 above.
 */
final class PreviousLinearModel {
    private PreviousLinearModel() {
    }

    record Fit(SoftmaxWeights weights, double l2) {
    }

    static Fit train(List<FeatureBuffer> x, int[] y, int classes, int dimension, long seed) {
        List<String> names = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            names.add(Integer.toString(k));
        }
        double l2 = x.size() <= 2000 ? RegularisationSearch.chooseForSgd(x, y, names, dimension, 3, seed).l2() : 1.0;
        return new Fit(SparseSoftmaxTrainer.train(x, y, classes, dimension, l2, seed).weights(), l2);
    }
}
