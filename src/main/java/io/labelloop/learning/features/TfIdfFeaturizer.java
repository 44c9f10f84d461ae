package io.labelloop.learning.features;

import io.labelloop.learning.encoding.ItemCodec;
import io.labelloop.learning.encoding.ItemCodec.ByteCursor;
import io.labelloop.learning.encoding.TextHasher;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * TF-IDF over hashed term counts: weight = (1 + ln tf) * idf, idf = ln((1 + N) / (1 + df)) + 1
 * (smoothed IDF as in Salton &amp; Buckley 1988 / scikit-learn), then L2-normalised. The vocabulary is
 * the hashed terms seen while fitting; each gets a column, other terms are dropped.
 */
public final class TfIdfFeaturizer implements Featurizer {
    private final int[] columnOfHash;   // HASH_SPACE entries, -1 = not in vocabulary
    private final int[] vocabulary;     // column -> hashed id
    private final float[] idf;          // column -> idf

    private TfIdfFeaturizer(int[] vocabulary, float[] idf) {
        this.vocabulary = vocabulary;
        this.idf = idf;
        this.columnOfHash = new int[TextHasher.HASH_SPACE];
        Arrays.fill(columnOfHash, -1);
        for (int c = 0; c < vocabulary.length; c++) {
            columnOfHash[vocabulary[c]] = c;
        }
    }

    /** Fits document frequencies on encoded texts (labelled items, optionally plus a pool sample). */
    public static TfIdfFeaturizer fit(List<byte[]> encodedTexts) {
        int[] df = new int[TextHasher.HASH_SPACE];
        for (byte[] item : encodedTexts) {
            ByteCursor c = new ByteCursor(item, ItemCodec.TERMS);
            int n = c.varint();
            int id = 0;
            for (int i = 0; i < n; i++) {
                id += c.varint();
                c.varint();
                df[id]++;
            }
        }
        int v = 0;
        for (int d : df) {
            v += d > 0 ? 1 : 0;
        }
        int[] vocab = new int[v];
        float[] idf = new float[v];
        int docs = encodedTexts.size();
        for (int id = 0, c = 0; id < df.length; id++) {
            if (df[id] > 0) {
                vocab[c] = id;
                idf[c++] = (float) (Math.log((1.0 + docs) / (1.0 + df[id])) + 1.0);
            }
        }
        return new TfIdfFeaturizer(vocab, idf);
    }

    @Override
    public int dimension() {
        return vocabulary.length;
    }

    @Override
    public void featurize(byte[] encoded, FeatureBuffer out) {
        out.clearSparse();
        ByteCursor c = new ByteCursor(encoded, ItemCodec.TERMS);
        int n = c.varint();
        int id = 0;
        double norm = 0;
        for (int i = 0; i < n; i++) {
            id += c.varint();
            int tf = c.varint();
            int col = columnOfHash[id];
            if (col >= 0) {
                float w = tf == 1 ? idf[col] : (float) ((1.0 + Math.log(tf)) * idf[col]);
                out.add(col, w);
                norm += (double) w * w;
            }
        }
        if (norm > 0) {
            out.scale((float) (1.0 / Math.sqrt(norm)));
        }
    }

    @Override
    public String describe() {
        return "tfidf(word 1-2 grams + char 3-grams, hashed 2^20, vocabulary=" + vocabulary.length + ", l2)";
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
        out.writeInt(vocabulary.length);
        for (int c = 0; c < vocabulary.length; c++) {
            out.writeInt(vocabulary[c]);
            out.writeFloat(idf[c]);
        }
    }

    static TfIdfFeaturizer read(DataInputStream in) throws IOException {
        int v = in.readInt();
        int[] vocab = new int[v];
        float[] idf = new float[v];
        for (int c = 0; c < v; c++) {
            vocab[c] = in.readInt();
            idf[c] = in.readFloat();
        }
        return new TfIdfFeaturizer(vocab, idf);
    }
}
