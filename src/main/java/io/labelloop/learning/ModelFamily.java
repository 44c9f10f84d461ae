package io.labelloop.learning;

/**
 * What kind of model sits on a project's features. Every family ends in the same calibrated multinomial
 * logistic head, so scoring, temperature scaling, the auto-label thresholds and every query strategy work
 * the same way; the gradient-based strategies (expected gradient length, BADGE) use the gradient of that
 * head with respect to its weights, taken over the family's mapped features (for {@link #KERNEL}: the
 * random Fourier features, not the raw columns). For {@link #TREES} the head's columns are the forest's log
 * class-probabilities and its weights the identity, so that gradient is (p - e_y) times ln(p + epsilon): the
 * strategies see the forest's probability vector, and core-set and density distances are measured between those
 * vectors.
 */
public enum ModelFamily {
    /** Multinomial logistic regression on the representation's features. */
    LINEAR("multinomial logistic regression on the features"),
    /** The same head on random Fourier features of an RBF kernel: an approximate kernel machine (non-linear). */
    KERNEL("RBF kernel (random Fourier features) feeding a multinomial logistic head"),
    /**
     * A random forest (100 trees, scikit-learn's defaults) whose probabilities are calibrated by a temperature
     * fitted on its out-of-bag votes; offered for TABULAR projects by {@code AUTO}, for images when pinned.
     */
    TREES("random forest (100 trees, Gini splits over sqrt(d) random columns) calibrated on its out-of-bag votes");

    private final String description;

    ModelFamily(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
