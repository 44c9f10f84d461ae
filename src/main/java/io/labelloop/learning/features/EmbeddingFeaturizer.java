package io.labelloop.learning.features;

import io.labelloop.learning.encoding.ItemCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * The sentence embedding a text item carries ({@link ItemCodec#EMBEDDED_TERMS}) as dense columns, as stored (unit
 * length, int8 times scale): nothing is fitted but the width. An item without an embedding gets the zero vector,
 * so a model on embeddings then falls back to its class priors rather than failing.
 */
public final class EmbeddingFeaturizer implements Featurizer {
    private final int dimensions;

    EmbeddingFeaturizer(int dimensions) {
        this.dimensions = dimensions;
    }

    /** The width of the widest embedding among the items (they come from one encoder, so all are alike). */
    public static EmbeddingFeaturizer fit(List<byte[]> encodedItems) {
        int d = 0;
        for (byte[] item : encodedItems) {
            d = Math.max(d, ItemCodec.embeddingDimensions(item));
        }
        if (d == 0) {
            throw new IllegalArgumentException("no item carries a sentence embedding");
        }
        return new EmbeddingFeaturizer(d);
    }

    @Override
    public int dimension() {
        return dimensions;
    }

    @Override
    public void featurize(byte[] encoded, FeatureBuffer out) {
        out.clearDense(dimensions);
        ItemCodec.readEmbedding(encoded, out.values); // components beyond the size are not read
    }

    @Override
    public int[] columnsIn(Featurizer earlier) {
        return earlier instanceof EmbeddingFeaturizer e && e.dimensions == dimensions
                ? java.util.stream.IntStream.range(0, dimensions).toArray() : null;
    }

    @Override
    public io.labelloop.learning.FeaturizerParameters parameters() {
        return new io.labelloop.learning.FeaturizerParameters.Embedding("all-MiniLM-L6-v2 (int8)", dimensions);
    }

    @Override
    public String describe() {
        return "sentence embedding(" + dimensions + " dimensions, unit length)";
    }

    @Override
    public long approximateBytes() {
        return 16;
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
        out.writeInt(dimensions);
    }

    static EmbeddingFeaturizer read(DataInputStream in) throws IOException {
        return new EmbeddingFeaturizer(in.readInt());
    }
}
