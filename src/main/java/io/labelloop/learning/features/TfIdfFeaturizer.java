package io.labelloop.learning.features;

import io.labelloop.learning.FeaturizerParameters;
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
 * the hashed terms seen while fitting; each gets a column, other terms are dropped. Columns are numbered
 * by descending document frequency, so the model weights of the terms most items contain sit together in
 * cache, and a term's column is found in an open-addressing table sized to the vocabulary (a direct table
 * over all 2^20 hashed ids is 4 MB and misses cache on almost every lookup).
 */
public final class TfIdfFeaturizer implements Featurizer {
    /** 1 + ln tf for small term counts (ln is the slowest step of featurising otherwise). */
    private static final double[] LOG_TF = new double[64];
    private final int[] vocabulary;     // column -> hashed id
    private final float[] idf;          // column -> idf
    private final int[] table;          // slot -> (hashed id + 1, column) pairs; id 0 = empty slot
    private final int mask;
    private final int shift;

    static {
        for (int tf = 1; tf < LOG_TF.length; tf++) {
            LOG_TF[tf] = 1.0 + Math.log(tf);
        }
    }

    private TfIdfFeaturizer(int[] vocabulary, float[] idf) {
        this.vocabulary = vocabulary;
        this.idf = idf;
        int slots = Integer.highestOneBit(Math.max(2, vocabulary.length) * 2 - 1) * 2; // load factor <= 1/2
        this.mask = slots - 1;
        this.shift = Integer.numberOfLeadingZeros(slots) + 1;
        this.table = new int[2 * slots];
        for (int c = 0; c < vocabulary.length; c++) {
            int s = slot(vocabulary[c]);
            while (table[2 * s] != 0) {
                s = (s + 1) & mask;
            }
            table[2 * s] = vocabulary[c] + 1;
            table[2 * s + 1] = c;
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
        long[] byFrequency = new long[v]; // (-df, id) packed so that sorting gives descending df, then id
        for (int id = 0, c = 0; id < df.length; id++) {
            if (df[id] > 0) {
                byFrequency[c++] = (long) -df[id] << 32 | id;
            }
        }
        Arrays.sort(byFrequency);
        int[] vocab = new int[v];
        float[] idf = new float[v];
        int docs = encodedTexts.size();
        for (int c = 0; c < v; c++) {
            vocab[c] = (int) byFrequency[c];
            idf[c] = (float) (Math.log((1.0 + docs) / (1.0 + df[vocab[c]])) + 1.0);
        }
        return new TfIdfFeaturizer(vocab, idf);
    }

    @Override
    public long approximateBytes() {
        return 64 + 4L * (vocabulary.length + idf.length + table.length);
    }

    @Override
    public int dimension() {
        return vocabulary.length;
    }

    @Override
    public void featurize(byte[] encoded, FeatureBuffer out) {
        out.clearSparse();
        long v = ItemCodec.varintAt(encoded, new ByteCursor(encoded, ItemCodec.TERMS).pos);
        int n = (int) v;
        int pos = (int) (v >>> 32);
        int id = 0;
        double norm = 0;
        for (int i = 0; i < n; i++) {
            v = ItemCodec.varintAt(encoded, pos);
            id += (int) v;
            v = ItemCodec.varintAt(encoded, (int) (v >>> 32));
            int tf = (int) v;
            pos = (int) (v >>> 32);
            int col = column(id);
            if (col >= 0) {
                float w = (float) ((tf < LOG_TF.length ? LOG_TF[tf] : 1.0 + Math.log(tf)) * idf[col]);
                out.add(col, w);
                norm += (double) w * w;
            }
        }
        if (norm > 0) {
            out.scale((float) (1.0 / Math.sqrt(norm)));
        }
    }

    @Override
    public int[] columnsIn(Featurizer earlier) {
        if (!(earlier instanceof TfIdfFeaturizer e)) {
            return null;
        }
        int[] columns = new int[vocabulary.length];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = e.column(vocabulary[c]);
        }
        return columns;
    }

    /** Column of a hashed term id, or -1 when it is not in the vocabulary. */
    private int column(int id) {
        int key = id + 1;
        for (int s = slot(id); ; s = (s + 1) & mask) {
            int k = table[2 * s];
            if (k == key) {
                return table[2 * s + 1];
            }
            if (k == 0) {
                return -1;
            }
        }
    }

    /** Fibonacci hashing (Knuth): the top bits of id * 2^32 / phi. */
    private int slot(int id) {
        return id * 0x9E3779B1 >>> shift;
    }

    @Override
    public FeaturizerParameters parameters() {
        return new FeaturizerParameters.TfIdf(TextHasher.DESCRIPTION, TextHasher.HASH_SPACE, vocabulary.clone(), idf.clone());
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
