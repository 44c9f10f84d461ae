package io.labelloop.learning.features;

import java.util.Arrays;

/**
 * A reusable feature vector: dense (values 0..size-1) or sparse (indices + values), so the
 * scoring path allocates nothing per item.
 */
public final class FeatureBuffer {
    public int[] indices = new int[64];
    public float[] values = new float[64];
    public int size;
    public boolean dense;

    public void clearSparse() {
        size = 0;
        dense = false;
    }

    public void clearDense(int dimension) {
        if (values.length < dimension) {
            values = new float[dimension];
        }
        size = dimension;
        dense = true;
    }

    public void add(int index, float value) {
        if (size == indices.length) {
            indices = Arrays.copyOf(indices, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        indices[size] = index;
        values[size++] = value;
    }

    /** Feature index of the i-th stored value. */
    public int index(int i) {
        return dense ? i : indices[i];
    }

    public double squaredNorm() {
        double s = 0;
        for (int i = 0; i < size; i++) {
            s += (double) values[i] * values[i];
        }
        return s;
    }

    public void scale(float factor) {
        for (int i = 0; i < size; i++) {
            values[i] *= factor;
        }
    }

    /** An independent compact copy (dense stays dense). */
    public FeatureBuffer copy() {
        FeatureBuffer c = new FeatureBuffer();
        c.dense = dense;
        c.size = size;
        c.values = Arrays.copyOf(values, size);
        c.indices = dense ? new int[0] : Arrays.copyOf(indices, size);
        return c;
    }
}
