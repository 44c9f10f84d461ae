package io.labelloop.learning.model;

import io.labelloop.learning.features.FeatureBuffer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Weights of a multinomial logistic regression, laid out feature-major ({@code w[j * K + k]}) so a
 * sparse or dense feature vector is scored with one pass and no allocation:
 * p = softmax((W x + b) / T), T the temperature (Guo et al. 2017, "On Calibration of Modern Neural
 * Networks").
 */
public final class SoftmaxWeights {
    /** Fewest classes for which the loops run over the classes of one feature at a time ({@link #isWide}). */
    static final int WIDE_CLASSES = 8;
    private final int classes;
    private final int dimension;
    private final float[] weights;
    private final float[] bias;
    private final double temperature;

    public SoftmaxWeights(int classes, int dimension, float[] weights, float[] bias, double temperature) {
        if (weights.length != classes * dimension || bias.length != classes) {
            throw new IllegalArgumentException("weights do not match " + classes + " classes x " + dimension);
        }
        this.classes = classes;
        this.dimension = dimension;
        this.weights = weights;
        this.bias = bias;
        this.temperature = temperature;
    }

    public int classes() {
        return classes;
    }

    public int dimension() {
        return dimension;
    }

    public double temperature() {
        return temperature;
    }

    /** Same weights with another temperature. */
    public SoftmaxWeights withTemperature(double t) {
        return new SoftmaxWeights(classes, dimension, weights, bias, t);
    }

    /** Weight of feature {@code j} for class {@code k}. */
    public float weight(int j, int k) {
        return weights[j * classes + k];
    }

    /** Intercept of class {@code k}. */
    public float bias(int k) {
        return bias[k];
    }

    /**
     * Whether a model with {@code classes} classes runs the loops over classes (scoring here, SGD in
     * {@link SparseSoftmaxTrainer}); narrower models loop over the features class by class instead. C2 unrolls,
     * and so vectorises, a loop only as far as the trip count it has profiled, and the profile is per method: once
     * 3-class TABULAR models had run through a loop over classes, it stayed nearly scalar for 29-class TEXT
     * models in the same JVM (TEXT training took 1.75x the CPU after one TABULAR fit). Keeping narrow models out
     * of these loops keeps their profile wide.
     */
    static boolean isWide(int classes) {
        return classes >= WIDE_CLASSES;
    }

    /** Raw scores W x + b (before temperature) into {@code out}; each class's sum in feature order. */
    public void logits(FeatureBuffer x, double[] out) {
        if (!isWide(classes)) {
            logitsByClass(x, out);
            return;
        }
        for (int k = 0; k < classes; k++) {
            out[k] = bias[k];
        }
        for (int i = 0; i < x.size; i++) {
            int j = x.dense ? i : x.indices[i];
            if (j >= dimension) {
                continue;
            }
            double v = x.values[i];
            if (v == 0) {
                continue;
            }
            int base = j * classes;
            for (int k = 0; k < classes; k++) {
                out[k] += v * weights[base + k];
            }
        }
    }

    /** About how many bytes of heap the weights take. */
    public long approximateBytes() {
        return 64 + 4L * (weights.length + bias.length);
    }

    private void logitsByClass(FeatureBuffer x, double[] out) {
        for (int k = 0; k < classes; k++) {
            double z = bias[k];
            for (int i = 0; i < x.size; i++) {
                int j = x.dense ? i : x.indices[i];
                double v = x.values[i];
                if (j < dimension && v != 0) {
                    z += v * weights[j * classes + k];
                }
            }
            out[k] = z;
        }
    }

    /** Calibrated class probabilities into {@code out}. */
    public void probabilities(FeatureBuffer x, double[] out) {
        logits(x, out);
        softmaxInPlace(out, classes, temperature);
    }

    /** p_k = exp(z_k / T) / sum exp(z / T), computed stably. */
    public static void softmaxInPlace(double[] z, int n, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            max = Math.max(max, z[k]);
        }
        double sum = 0;
        for (int k = 0; k < n; k++) {
            z[k] = Math.exp((z[k] - max) / temperature);
            sum += z[k];
        }
        for (int k = 0; k < n; k++) {
            z[k] /= sum;
        }
    }

    public void write(DataOutputStream out) throws IOException {
        out.writeInt(classes);
        out.writeInt(dimension);
        out.writeDouble(temperature);
        for (float b : bias) {
            out.writeFloat(b);
        }
        for (float w : weights) {
            out.writeFloat(w);
        }
    }

    public static SoftmaxWeights read(DataInputStream in) throws IOException {
        int k = in.readInt(), d = in.readInt();
        double t = in.readDouble();
        float[] b = new float[k];
        for (int i = 0; i < k; i++) {
            b[i] = in.readFloat();
        }
        float[] w = new float[k * d];
        for (int i = 0; i < w.length; i++) {
            w[i] = in.readFloat();
        }
        return new SoftmaxWeights(k, d, w, b, t);
    }
}
