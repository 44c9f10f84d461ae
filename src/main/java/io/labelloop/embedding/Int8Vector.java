package io.labelloop.embedding;

/**
 * An embedding stored in one byte per dimension: {@code value[i] ≈ bytes[i] * scale}, with the scale chosen
 * so that the largest component maps to ±127 (symmetric linear quantisation). For unit vectors of 384
 * dimensions the cosine between two quantised vectors differs from the float one by about 0.001, a quarter
 * of the storage of float32.
 */
public record Int8Vector(byte[] bytes, float scale) {

    /** Quantises a vector; the zero vector gets scale 0. */
    public static Int8Vector of(float[] vector) {
        float max = 0;
        for (float v : vector) {
            max = Math.max(max, Math.abs(v));
        }
        byte[] bytes = new byte[vector.length];
        if (max == 0) {
            return new Int8Vector(bytes, 0f);
        }
        float scale = max / 127f;
        for (int i = 0; i < vector.length; i++) {
            bytes[i] = (byte) Math.round(vector[i] / scale);
        }
        return new Int8Vector(bytes, scale);
    }

    /** The vector back as floats. */
    public float[] toFloats() {
        float[] out = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[i] * scale;
        }
        return out;
    }

    /** Sum of the products of two byte arrays of the same length (the dot product before scaling). */
    public static int dot(byte[] a, byte[] b) {
        int sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** The squared length of this vector, as stored. */
    public double squaredNorm() {
        return (double) dot(bytes, bytes) * scale * scale;
    }
}
