package io.labelloop.learning.features;

import java.io.DataOutputStream;
import java.io.IOException;

/** Maps an encoded item to model features; fitted per model version and saved with it. */
public interface Featurizer {
    /** Number of feature columns (model weights per class). */
    int dimension();

    /** Writes the features of {@code encoded} into {@code out}; allocation-free once warmed up. */
    void featurize(byte[] encoded, FeatureBuffer out);

    /** Short description for model metadata. */
    String describe();

    /** About how many bytes of heap the fitted state takes (its arrays), for caches weighed by size. */
    long approximateBytes();

    /** Writes the fitted state (without the type tag, see {@link Featurizers}). */
    void write(DataOutputStream out) throws IOException;
}
