package io.labelloop.learning;

/**
 * What kind of model sits on a project's features. Every family ends in the same calibrated multinomial
 * logistic head, so scoring, temperature scaling, the auto-label thresholds and every query strategy work
 * the same way; the gradient-based strategies (expected gradient length, BADGE) use the gradient of that
 * head with respect to its weights, taken over the family's mapped features (for {@link #KERNEL}: the
 * random Fourier features, not the raw columns).
 */
public enum ModelFamily {
    /** Multinomial logistic regression on the representation's features. */
    LINEAR("multinomial logistic regression on the features"),
    /** The same head on random Fourier features of an RBF kernel: an approximate kernel machine (non-linear). */
    KERNEL("RBF kernel (random Fourier features) feeding a multinomial logistic head");

    private final String description;

    ModelFamily(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
