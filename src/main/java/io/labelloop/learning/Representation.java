package io.labelloop.learning;

/** How items become the columns a model family starts from. */
public enum Representation {
    /** The task's own features: TF-IDF terms, standardised columns or grey-level pixels. */
    STANDARD,
    /** Histograms of oriented gradients of a square grey image (Dalal &amp; Triggs 2005); images only. */
    HOG
}
