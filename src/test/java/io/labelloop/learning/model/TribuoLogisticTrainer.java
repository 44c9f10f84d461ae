package io.labelloop.learning.model;

import io.labelloop.learning.features.FeatureBuffer;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Multinomial logistic regression trained by Tribuo's {@link LinearSGDTrainer} with the
 * {@link LogMulticlass} (softmax cross-entropy) loss and AdaGrad with an L2 penalty as weight decay
 * ({@link DecayedAdaGrad}); its weights are copied
 * into a {@link SoftmaxWeights} for allocation-free scoring that reproduces Tribuo's predictions. It is the
 * reference that {@link SparseSoftmaxTrainer}, which the service trains with, is tested against; both take the
 * number of epochs from {@link SparseSoftmaxTrainer#epochs}.
 */
public final class TribuoLogisticTrainer {
    private static volatile String[] names = new String[0];
    /** Held so the level survives garbage collection: Tribuo logs every training at INFO. */
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

    static {
        TRIBUO_LOG.setLevel(Level.WARNING);
    }

    private TribuoLogisticTrainer() {
    }

    /** The trained weights together with the Tribuo model they came from. */
    public record Result(SoftmaxWeights weights, LinearSGDModel tribuoModel, int epochs) {
    }

    /**
     * Trains on featurised rows {@code x} with class indices {@code y} into {@code classes}.
     *
     * @param l2 L2 penalty on the summed log-loss, lambda in sum_i loss_i + (lambda / 2) ||W||^2 (scikit-learn's
     *           C = 1 / lambda); per example that is lambda / n, so one value suits any label count
     */
    public static Result train(List<FeatureBuffer> x, int[] y, List<String> classes, int dimension, double l2, long seed) {
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("labelloop", new LabelFactory()),
                new LabelFactory());
        for (int i = 0; i < x.size(); i++) {
            data.add(toExample(x.get(i), new Label(classes.get(y[i]))));
        }
        int epochs = SparseSoftmaxTrainer.epochs(x, classes.size(), dimension);
        DecayedAdaGrad optimiser = new DecayedAdaGrad(SparseSoftmaxTrainer.LEARNING_RATE, l2 / x.size(), x.size());
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), optimiser, epochs, Integer.MAX_VALUE, 1, seed);
        LinearSGDModel model = trainer.train(data);
        return new Result(extract(model, classes, dimension), model, epochs);
    }

    /** A Tribuo example whose feature names are the column numbers of {@code x}. */
    public static ArrayExample<Label> toExample(FeatureBuffer x, Label label) {
        int n = 0;
        for (int i = 0; i < x.size; i++) {
            n += x.values[i] != 0 ? 1 : 0;
        }
        String[] featureNames = new String[n];
        double[] values = new double[n];
        String[] all = namesUpTo(maxIndex(x) + 1);
        for (int i = 0, m = 0; i < x.size; i++) {
            if (x.values[i] != 0) {
                featureNames[m] = all[x.index(i)];
                values[m++] = x.values[i];
            }
        }
        return new ArrayExample<>(label, featureNames, values);
    }

    private static int maxIndex(FeatureBuffer x) {
        int max = -1;
        for (int i = 0; i < x.size; i++) {
            max = Math.max(max, x.index(i));
        }
        return max;
    }

    private static String[] namesUpTo(int n) {
        String[] current = names;
        if (current.length >= n) {
            return current;
        }
        synchronized (TribuoLogisticTrainer.class) {
            if (names.length < n) {
                String[] grown = new String[Math.max(n, names.length * 2)];
                for (int i = 0; i < grown.length; i++) {
                    grown[i] = "f" + i;
                }
                names = grown;
            }
            return names;
        }
    }

    private static SoftmaxWeights extract(LinearSGDModel model, List<String> classes, int dimension) {
        DenseMatrix w = model.getWeightsCopy(); // rows = Tribuo output ids, columns = feature ids + bias
        ImmutableFeatureMap fmap = model.getFeatureIDMap();
        ImmutableOutputInfo<Label> outputs = model.getOutputIDInfo();
        int k = classes.size();
        int[] row = new int[k];
        for (int c = 0; c < k; c++) {
            row[c] = outputs.getID(new Label(classes.get(c)));
        }
        float[] weights = new float[k * dimension];
        float[] bias = new float[k];
        int biasColumn = w.getDimension2Size() - 1;
        String[] all = namesUpTo(dimension);
        for (int j = 0; j < dimension; j++) {
            int id = fmap.getID(all[j]);
            if (id < 0) {
                continue;
            }
            for (int c = 0; c < k; c++) {
                weights[j * k + c] = row[c] < 0 ? 0f : (float) w.get(row[c], id);
            }
        }
        for (int c = 0; c < k; c++) {
            bias[c] = row[c] < 0 ? -30f : (float) w.get(row[c], biasColumn);
        }
        return new SoftmaxWeights(k, dimension, weights, bias, 1.0);
    }
}
