package io.labelloop.learning.features;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Two featurizers side by side: the first one's columns, then the second one's (sparse output). Used for a text's
 * TF-IDF n-grams next to its sentence embedding; both are unit length, so each block weighs the same in the
 * penalty, as in the offline check of docs/embeddings.md.
 */
public final class ConcatFeaturizer implements Featurizer {
    private final Featurizer first;
    private final Featurizer second;
    private final ThreadLocal<FeatureBuffer[]> scratch =
            ThreadLocal.withInitial(() -> new FeatureBuffer[] {new FeatureBuffer(), new FeatureBuffer()});

    public ConcatFeaturizer(Featurizer first, Featurizer second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public int dimension() {
        return first.dimension() + second.dimension();
    }

    @Override
    public void featurize(byte[] encoded, FeatureBuffer out) {
        FeatureBuffer[] s = scratch.get();
        first.featurize(encoded, s[0]);
        second.featurize(encoded, s[1]);
        out.clearSparse();
        for (int i = 0; i < s[0].size; i++) {
            out.add(s[0].index(i), s[0].values[i]);
        }
        int offset = first.dimension();
        for (int i = 0; i < s[1].size; i++) {
            out.add(offset + s[1].index(i), s[1].values[i]);
        }
    }

    @Override
    public long operationsPerItem() {
        return first.operationsPerItem() + second.operationsPerItem();
    }

    @Override
    public int[] columnsIn(Featurizer earlier) {
        if (!(earlier instanceof ConcatFeaturizer e)) {
            return null;
        }
        int[] a = first.columnsIn(e.first);
        int[] b = second.columnsIn(e.second);
        if (a == null || b == null) {
            return null;
        }
        int[] out = new int[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        int offset = e.first.dimension();
        for (int j = 0; j < b.length; j++) {
            out[a.length + j] = b[j] < 0 ? -1 : offset + b[j];
        }
        return out;
    }

    @Override
    public io.labelloop.learning.FeaturizerParameters parameters() {
        return new io.labelloop.learning.FeaturizerParameters.Concat(first.parameters(), second.parameters());
    }

    @Override
    public String describe() {
        return first.describe() + " + " + second.describe();
    }

    @Override
    public long approximateBytes() {
        return 32 + first.approximateBytes() + second.approximateBytes();
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
        Featurizers.write(first, out);
        Featurizers.write(second, out);
    }

    static ConcatFeaturizer read(DataInputStream in) throws IOException {
        return new ConcatFeaturizer(Featurizers.read(in), Featurizers.read(in));
    }
}
