package io.labelloop.learning.strategy;

import io.labelloop.learning.features.FeatureBuffer;

/**
 * Dense vectors for distances between items: the features themselves when dense and at most
 * {@value #MAX_DENSE} wide, otherwise a signed count sketch into {@value #SKETCH} dimensions, which
 * preserves inner products in expectation (Charikar, Chen &amp; Farach-Colton 2002; Weinberger et al. 2009).
 */
public final class Embeddings {
    public static final int MAX_DENSE = 256;
    public static final int SKETCH = 256;

    private Embeddings() {
    }

    public static float[] embed(FeatureBuffer x) {
        if (x.dense && x.size <= MAX_DENSE) {
            return java.util.Arrays.copyOf(x.values, x.size);
        }
        float[] e = new float[SKETCH];
        for (int i = 0; i < x.size; i++) {
            int j = x.index(i);
            int h = mix(j);
            e[h & (SKETCH - 1)] += (h & 0x10000) == 0 ? x.values[i] : -x.values[i];
        }
        return e;
    }

    public static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    public static double squaredDistance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return s;
    }

    /** Near-duplicates: ||a - b||^2 at most 1% of the smaller squared norm (cosine &ge; 0.995 for unit vectors). */
    public static boolean nearDuplicate(float[] a, float[] b) {
        double limit = 0.01 * Math.min(dot(a, a), dot(b, b));
        return squaredDistance(a, b) <= Math.max(limit, 1e-12);
    }

    /**
     * The same test from |a|^2, |b|^2 and a . b, with ||a - b||^2 = |a|^2 + |b|^2 - 2 a . b: a caller that
     * compares one vector with many and keeps their squared norms needs one product per pair, not three.
     */
    public static boolean nearDuplicate(double aa, double bb, double ab) {
        return aa + bb - 2 * ab <= Math.max(0.01 * Math.min(aa, bb), 1e-12);
    }

    private static int mix(int j) {
        int h = j * 0x9E3779B1;
        h ^= h >>> 15;
        h *= 0x85EBCA77;
        return h ^ (h >>> 13);
    }
}
