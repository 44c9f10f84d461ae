package io.labelloop.learning.strategy;

import java.util.Arrays;
import java.util.List;

/**
 * Vectors stored column by column (every vector's first value, then every vector's second value, ...), so that
 * the distances or products of one vector with all of them run as element-wise loops over whole arrays, which the
 * JIT compiles to SIMD instructions. Each result adds the same terms in the same order as
 * {@link Embeddings#squaredDistance} and {@link Embeddings#dot}, so it is bit for bit the same; only the
 * dependent chain of additions of one sum no longer stalls the processor.
 */
final class Columns {
    final float[] values;
    final int count;
    final int dim;

    Columns(int count, int dim) {
        this.values = new float[count * dim];
        this.count = count;
        this.dim = dim;
    }

    /** The vectors as columns; a shorter vector is padded with zeros, which add nothing to a product. */
    static Columns of(List<float[]> vectors) {
        int dim = 0;
        for (float[] v : vectors) {
            dim = Math.max(dim, v.length);
        }
        Columns c = new Columns(vectors.size(), dim);
        for (int i = 0; i < c.count; i++) {
            float[] v = vectors.get(i);
            for (int j = 0; j < v.length; j++) {
                c.values[j * c.count + i] = v[j];
            }
        }
        return c;
    }

    float get(int i, int j) {
        return values[j * count + i];
    }

    void set(int i, int j, float v) {
        values[j * count + i] = v;
    }

    /** Vector i copied into {@code out} (of length dim), which is returned. */
    float[] row(int i, float[] out) {
        for (int j = 0; j < dim; j++) {
            out[j] = get(i, j);
        }
        return out;
    }

    /** {@code out[i] = squaredDistance(vector i, q)} for every vector i. */
    void squaredDistances(float[] q, double[] out) {
        Arrays.fill(out, 0, count, 0);
        for (int j = 0; j < dim; j++) {
            float v = q[j];
            int o = j * count;
            for (int i = 0; i < count; i++) {
                double d = values[o + i] - v;
                out[i] += d * d;
            }
        }
    }

    /** {@code out[i] = dot(vector i, q)} for every vector i. */
    void dots(float[] q, double[] out) {
        Arrays.fill(out, 0, count, 0);
        for (int j = 0; j < dim; j++) {
            double v = q[j];
            int o = j * count;
            for (int i = 0; i < count; i++) {
                out[i] += values[o + i] * v;
            }
        }
    }

    /** squaredDistance(vector i, q). */
    double squaredDistance(int i, float[] q) {
        double s = 0;
        for (int j = 0; j < dim; j++) {
            double d = values[j * count + i] - q[j];
            s += d * d;
        }
        return s;
    }
}
