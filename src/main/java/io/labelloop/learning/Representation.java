package io.labelloop.learning;

/** How items become the columns a model family starts from. */
public enum Representation {
    /** The task's own features: TF-IDF terms (n-grams), standardised columns or grey-level pixels. */
    STANDARD,
    /** Histograms of oriented gradients of a square grey image (Dalal &amp; Triggs 2005); images only. */
    HOG,
    /** A text's sentence embedding (the item must carry it, {@link ItemEncoder#withEmbedding}); texts only. */
    EMBEDDINGS,
    /** A text's TF-IDF n-grams and its sentence embedding side by side, each of unit length; texts only. */
    BOTH;

    /** Whether models over this representation read the sentence embedding of an item. */
    public boolean usesEmbeddings() {
        return this == EMBEDDINGS || this == BOTH;
    }
}
