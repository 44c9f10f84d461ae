package io.labelloop.learning.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.learning.features.FeatureBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Row weights in the L-BFGS softmax solver (consensus confidence as a training weight). */
class WeightedSoftmaxTrainingTest {

    private static final int CLASSES = 3;
    private static final int DIMENSION = 5;
    private static final double L2 = 1.0;

    @Test
    void shouldTrainTheUnweightedModelToTheBitWhenEveryWeightIsOne() {
        Data d = data(120, 7);
        double[] ones = new double[d.x.size()];
        Arrays.fill(ones, 1.0);
        LbfgsSoftmaxTrainer.Result plain = LbfgsSoftmaxTrainer.train(d.x, d.y, CLASSES, DIMENSION, L2, null);
        LbfgsSoftmaxTrainer.Result weighted = LbfgsSoftmaxTrainer.train(d.x, d.y, ones, CLASSES, DIMENSION, L2, null);
        assertThat(weighted.iterations()).isEqualTo(plain.iterations());
        assertThat(parameters(weighted.weights())).containsExactly(parameters(plain.weights()));
    }

    @Test
    void shouldTrainAsIfTheRowWereRepeatedWhenItsWeightIsTwo() {
        Data d = data(90, 11);
        double[] weights = new double[d.x.size()];
        Arrays.fill(weights, 1.0);
        List<FeatureBuffer> repeatedX = new ArrayList<>(d.x);
        int[] repeatedY = Arrays.copyOf(d.y, d.y.length + 30);
        for (int i = 0; i < 30; i++) {
            weights[i] = 2.0;
            repeatedX.add(d.x.get(i));
            repeatedY[d.y.length + i] = d.y[i];
        }
        float[] weighted = parameters(LbfgsSoftmaxTrainer.train(d.x, d.y, weights, CLASSES, DIMENSION, L2, null).weights());
        float[] repeated = parameters(LbfgsSoftmaxTrainer.train(repeatedX, repeatedY, CLASSES, DIMENSION, L2, null).weights());
        for (int i = 0; i < weighted.length; i++) {
            assertThat((double) weighted[i]).isCloseTo(repeated[i], org.assertj.core.data.Offset.offset(1e-3));
        }
    }

    @Test
    void shouldLeaveARowOutWhenItsWeightIsZero() {
        Data d = data(90, 13);
        d.y[0] = (d.y[0] + 1) % CLASSES; // a wrong label, weighed out
        double[] weights = new double[d.x.size()];
        Arrays.fill(weights, 1.0);
        weights[0] = 0;
        float[] weighted = parameters(LbfgsSoftmaxTrainer.train(d.x, d.y, weights, CLASSES, DIMENSION, L2, null).weights());
        float[] without = parameters(LbfgsSoftmaxTrainer.train(d.x.subList(1, d.x.size()),
                Arrays.copyOfRange(d.y, 1, d.y.length), CLASSES, DIMENSION, L2, null).weights());
        float[] with = parameters(LbfgsSoftmaxTrainer.train(d.x, d.y, CLASSES, DIMENSION, L2, null).weights());
        double gapWithout = 0;
        double gapWith = 0;
        for (int i = 0; i < weighted.length; i++) {
            gapWithout = Math.max(gapWithout, Math.abs(weighted[i] - without[i]));
            gapWith = Math.max(gapWith, Math.abs(weighted[i] - with[i]));
        }
        assertThat(gapWithout).isLessThan(1e-3);
        assertThat(gapWith).isGreaterThan(10 * gapWithout);
    }

    private record Data(List<FeatureBuffer> x, int[] y) {
    }

    /** Three Gaussian blobs in five dimensions, overlapping enough that no weight runs off. */
    private static Data data(int n, long seed) {
        Random rnd = new Random(seed);
        List<FeatureBuffer> x = new ArrayList<>();
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % CLASSES;
            FeatureBuffer row = new FeatureBuffer();
            row.clearDense(DIMENSION);
            for (int j = 0; j < DIMENSION; j++) {
                row.values[j] = (float) (rnd.nextGaussian() + (j == y[i] ? 1.5 : 0));
            }
            x.add(row);
        }
        return new Data(x, y);
    }

    private static float[] parameters(SoftmaxWeights w) {
        float[] out = new float[CLASSES * (DIMENSION + 1)];
        int i = 0;
        for (int c = 0; c < CLASSES; c++) {
            out[i++] = w.bias(c);
            for (int j = 0; j < DIMENSION; j++) {
                out[i++] = w.weight(j, c);
            }
        }
        return out;
    }
}
