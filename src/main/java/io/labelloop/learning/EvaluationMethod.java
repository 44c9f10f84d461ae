package io.labelloop.learning;

/** How an {@link Evaluation} was obtained. */
public enum EvaluationMethod {
    /** On the project's random holdout labels, with the model being evaluated. */
    HOLDOUT,
    /** Stratified k-fold cross-validation on the training labels (holdout empty or too small). */
    CROSS_VALIDATION
}
