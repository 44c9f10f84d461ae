package io.labelloop.learning.features;

import java.io.DataOutputStream;
import java.io.IOException;

/** Maps an encoded item to model features; fitted per model version and saved with it. */
public interface Featurizer {
    /** Rough cost of a cosine relative to a multiply-add, for {@link #operationsPerItem()}. */
    int COSINE_COST = 20;

    /** Number of feature columns (model weights per class). */
    int dimension();

    /** Writes the features of {@code encoded} into {@code out}; allocation-free once warmed up. */
    void featurize(byte[] encoded, FeatureBuffer out);

    /**
     * Rough multiply-adds to featurise one item, so that a model family's cost of scoring a large pool can be
     * weighed before it is chosen (the default: one per output column).
     */
    default long operationsPerItem() {
        return dimension();
    }

    /**
     * For each column of this featurizer, the column of {@code earlier} (fitted for an earlier model version) that
     * holds the same feature, or -1 where it has none; null when the two are not comparable. Lets a new model
     * version start from the weights of the previous one.
     */
    default int[] columnsIn(Featurizer earlier) {
        return null;
    }

    /** The fitted settings, complete enough to compute the columns elsewhere (the model download). */
    io.labelloop.learning.FeaturizerParameters parameters();

    /** Short description for model metadata. */
    String describe();

    /** About how many bytes of heap the fitted state takes (its arrays), for caches weighed by size. */
    long approximateBytes();

    /** Writes the fitted state (without the type tag, see {@link Featurizers}). */
    void write(DataOutputStream out) throws IOException;
}
