package io.labelloop.learning;

import io.labelloop.learning.features.FeatureBuffer;
import io.labelloop.learning.features.ForestFeaturizer;
import io.labelloop.learning.features.Featurizer;
import io.labelloop.learning.features.Featurizers;
import io.labelloop.learning.model.LbfgsSoftmaxTrainer;
import io.labelloop.learning.model.LinearSolver;
import io.labelloop.learning.model.RandomForest;
import io.labelloop.learning.model.RegularisationSearch;
import io.labelloop.learning.model.SoftmaxWeights;
import io.labelloop.learning.model.SparseSoftmaxTrainer;
import io.labelloop.learning.model.TemperatureScaler;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Trains a {@link LabelModel} from encoded items and their labels: fits the featurizer, chooses the
 * L2 penalty by stratified cross-validation while labels are few, solves a multinomial logistic
 * regression to convergence ({@link LbfgsSoftmaxTrainer}, warm-started from the cross-validation folds or the
 * previous model version; SGD by {@link SparseSoftmaxTrainer} where {@link LinearSolver} says L-BFGS would be
 * slow, on many sparse texts), fits a softmax temperature on the out-of-fold logits (Guo et al. 2017) and
 * optionally a bootstrap committee for query-by-committee (Seung, Opper &amp; Sompolinsky 1992;
 * bagging as in Abe &amp; Mamitsuka 1998).
 */
public final class ModelTrainer {
    /** Penalty used when there are too few labels to cross-validate and no previous choice (scikit-learn's C = 1). */
    public static final double DEFAULT_L2 = 1.0;
    static final String ALGORITHM = "multinomial logistic regression (L-BFGS to convergence on the L2-penalised mean "
            + "log-loss, intercept unpenalised, over sparse arrays)";
    /** What models trained by SGD say (and every model stored before L-BFGS). */
    static final String SGD_ALGORITHM = "multinomial logistic regression (SGD as Tribuo 4.3.2 LinearSGDTrainer + "
            + "LogMulticlass, AdaGrad + L2 weight decay, over sparse arrays)";
    /** What models of the {@link ModelFamily#TREES} family say. */
    static final String FOREST_ALGORITHM = "random forest (" + RandomForest.DEFAULT_TREES + " trees on bootstrap "
            + "samples, best Gini split over sqrt(d) random columns, grown to pure leaves), temperature fitted on its "
            + "out-of-bag votes";
    private static final int MIN_LABELS_FOR_CV = 10;
    private final TaskType task;
    private final TrainingOptions options;
    private final Function<List<byte[]>, Featurizer> fitFeaturizer;
    private final boolean forest;

    public ModelTrainer(TaskType task) {
        this(task, TrainingOptions.defaults());
    }

    public ModelTrainer(TaskType task, TrainingOptions options) {
        this(task, options, items -> Featurizers.fit(task, items));
    }

    /** A trainer whose linear head sits on the features {@code fitFeaturizer} fits (a model family's feature map). */
    public ModelTrainer(TaskType task, TrainingOptions options, Function<List<byte[]>, Featurizer> fitFeaturizer) {
        this(task, options, fitFeaturizer, false);
    }

    private ModelTrainer(TaskType task, TrainingOptions options, Function<List<byte[]>, Featurizer> fitFeaturizer,
                         boolean forest) {
        this.task = task;
        this.options = options;
        this.fitFeaturizer = fitFeaturizer;
        this.forest = forest;
    }

    /**
     * A trainer of the {@link ModelFamily#TREES} family: a random forest over the columns {@code fitBase} fits
     * ({@link ForestFeaturizer}), the head the identity on the forest's log-probabilities divided by a temperature
     * fitted on the out-of-bag votes (kept only where it lowers their log-loss and ECE, as for the linear head); a
     * committee's members read disjoint groups of the trees. No penalty, no warm start.
     */
    public static ModelTrainer forest(TaskType task, TrainingOptions options, Function<List<byte[]>, Featurizer> fitBase) {
        return new ModelTrainer(task, options, fitBase, true);
    }

    public TaskType task() {
        return task;
    }

    public TrainingOptions options() {
        return options;
    }

    /** Trains a first model version. */
    public LabelModel train(List<byte[]> items, List<String> labels) {
        return train(items, labels, List.of(), null);
    }

    /**
     * Trains a model version.
     *
     * @param items           encoded labelled items (see {@link ItemEncoder})
     * @param labels          their labels
     * @param unlabeledSample optional sample of encoded pool items that the featurizer is also fitted on (IDF)
     * @param previous        previous model version whose penalty/temperature may be reused, or null
     */
    public LabelModel train(List<byte[]> items, List<String> labels, List<byte[]> unlabeledSample, LabelModel previous) {
        return train(items, labels, null, unlabeledSample, previous);
    }

    /**
     * The same with a weight per label in the loss (e.g. the confidence of a consensus label; null: every label 1).
     * The L-BFGS solver weighs the rows; the SGD solver (many sparse texts), the penalty search and the forest of
     * the TREES family do not.
     */
    public LabelModel train(List<byte[]> items, List<String> labels, double[] labelWeights, List<byte[]> unlabeledSample,
                            LabelModel previous) {
        if (items.size() != labels.size() || items.isEmpty()
                || (labelWeights != null && labelWeights.length != items.size())) {
            throw new IllegalArgumentException("need as many labels as items, and at least one");
        }
        long start = System.nanoTime();
        List<String> classes = new ArrayList<>(new TreeSet<>(labels));
        if (classes.size() < 2) {
            throw new IllegalArgumentException("need labels of at least two classes");
        }
        List<byte[]> fitOn = new ArrayList<>(items);
        fitOn.addAll(unlabeledSample);
        if (forest) {
            return trainForest(fitOn, items, labels, classes, Double.NaN, start);
        }
        Featurizer featurizer = fitFeaturizer.apply(fitOn);
        List<FeatureBuffer> x = Featurizers.featurise(featurizer, items);
        int[] y = new int[labels.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = classes.indexOf(labels.get(i));
        }
        LinearSolver solver = LinearSolver.choose(x, classes.size(), featurizer.dimension());
        Search search = search(x, y, classes, featurizer.dimension(), previous, solver);
        SoftmaxWeights from = search.start != null ? search.start : WarmStart.from(previous, featurizer, classes);
        Fit main = fit(solver, x, y, labelWeights, classes.size(), featurizer.dimension(), search.l2, from, options.seed());
        SoftmaxWeights weights = main.weights().withTemperature(search.temperature);
        List<SoftmaxWeights> committee = trainCommittee(x, y, classes, featurizer.dimension(), search, main, solver);
        ModelMetadata meta = new ModelMetadata(algorithm(solver), task, featurizer.describe(), search.l2,
                search.chosenBy, search.labelsWhenChosen, search.temperature, search.eceBefore, search.eceAfter,
                items.size(), classes.size(), main.iterations(), committee.size(), options.seed(),
                (System.nanoTime() - start) / 1_000_000);
        return new LabelModel(featurizer, weights, committee, classes, meta);
    }

    /** Retrains with this trainer's penalty choice fixed to {@code l2} and temperature 1 (used by cross-validation). */
    LabelModel trainFixed(List<byte[]> items, List<String> labels, double l2, double temperature) {
        return trainFixed(items, labels, l2, temperature, null);
    }

    /**
     * The same, the solver starting from {@code start}'s weights (null: from zero). Cross-validation starts each
     * fold from the model on all the labels: the loss is convex, so the start changes only the iterations taken
     * (a fold's optimum is near the full model's), not the model the fold converges to.
     */
    LabelModel trainFixed(List<byte[]> items, List<String> labels, double l2, double temperature, LabelModel start) {
        List<String> classes = new ArrayList<>(new TreeSet<>(labels));
        if (forest) {
            return trainForest(items, items, labels, classes, temperature, System.nanoTime());
        }
        Featurizer featurizer = fitFeaturizer.apply(items);
        List<FeatureBuffer> x = Featurizers.featurise(featurizer, items);
        int[] y = labels.stream().mapToInt(classes::indexOf).toArray();
        LinearSolver solver = LinearSolver.choose(x, classes.size(), featurizer.dimension());
        Fit r = fit(solver, x, y, null, classes.size(), featurizer.dimension(), l2,
                WarmStart.from(start, featurizer, classes), options.seed());
        ModelMetadata meta = new ModelMetadata(algorithm(solver), task, featurizer.describe(), l2, "fixed", items.size(),
                temperature, Double.NaN, Double.NaN, items.size(), classes.size(), r.iterations(), 0, options.seed(),
                0);
        return new LabelModel(featurizer, r.weights().withTemperature(temperature), List.of(), classes, meta);
    }

    /**
     * A forest model: the base featurizer fitted on {@code fitOn}, the forest on the labelled items; the temperature
     * {@code fixedTemperature}, or (NaN) fitted on the out-of-bag votes.
     */
    private LabelModel trainForest(List<byte[]> fitOn, List<byte[]> items, List<String> labels, List<String> classes,
                                   double fixedTemperature, long start) {
        int k = classes.size();
        int[] y = labels.stream().mapToInt(classes::indexOf).toArray();
        int groups = options.committeeSize();
        ForestFeaturizer.Fitted fitted = ForestFeaturizer.fit(fitFeaturizer.apply(fitOn), items, y, k,
                RandomForest.DEFAULT_TREES, groups, options.seed());
        List<double[]> logits = new ArrayList<>();
        List<Integer> truth = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            if (fitted.outOfBag()[i] != null) {
                logits.add(ForestFeaturizer.logits(fitted.outOfBag()[i]));
                truth.add(y[i]);
            }
        }
        double[][] z = logits.toArray(double[][]::new);
        int[] zy = truth.stream().mapToInt(Integer::intValue).toArray();
        boolean fixed = !Double.isNaN(fixedTemperature);
        double t = fixed ? fixedTemperature : TemperatureScaler.fitIfItHelps(z, zy);
        double eceBefore = fixed || z.length == 0 ? Double.NaN : TemperatureScaler.ece(z, zy, 1.0);
        double eceAfter = fixed || z.length == 0 ? Double.NaN : TemperatureScaler.ece(z, zy, t);
        ForestFeaturizer featurizer = fitted.featurizer();
        SoftmaxWeights head = identity(k, featurizer.dimension(), 0, t);
        List<SoftmaxWeights> committee = new ArrayList<>();
        for (int g = 1; g <= groups; g++) {
            committee.add(identity(k, featurizer.dimension(), g, t));
        }
        ModelMetadata meta = new ModelMetadata(FOREST_ALGORITHM, task, featurizer.describe(), 0.0,
                fixed ? "fixed" : "none (a random forest has no penalty; temperature from out-of-bag votes)",
                items.size(), t, eceBefore, eceAfter, items.size(), k, RandomForest.DEFAULT_TREES, committee.size(),
                options.seed(), (System.nanoTime() - start) / 1_000_000);
        return new LabelModel(featurizer, head, committee, classes, meta);
    }

    /** Weights reading block {@code block} of k columns as the logits, unchanged: w[(block k + c), c] = 1. */
    private static SoftmaxWeights identity(int k, int dimension, int block, double temperature) {
        float[] w = new float[k * dimension];
        for (int c = 0; c < k; c++) {
            w[(block * k + c) * k + c] = 1f;
        }
        return new SoftmaxWeights(k, dimension, w, new float[k], temperature);
    }

    private static String algorithm(LinearSolver solver) {
        return solver == LinearSolver.LBFGS ? ALGORITHM : SGD_ALGORITHM;
    }

    /** Weights and solver iterations (L-BFGS iterations or SGD epochs). */
    private record Fit(SoftmaxWeights weights, int iterations) {
    }

    private static Fit fit(LinearSolver solver, List<FeatureBuffer> x, int[] y, double[] weights, int classes,
                           int dimension, double l2, SoftmaxWeights start, long seed) {
        if (solver == LinearSolver.SGD) {
            SparseSoftmaxTrainer.Result r = SparseSoftmaxTrainer.train(x, y, classes, dimension, l2, seed);
            return new Fit(r.weights(), r.epochs());
        }
        LbfgsSoftmaxTrainer.Result r = LbfgsSoftmaxTrainer.train(x, y, weights, classes, dimension, l2, start);
        return new Fit(r.weights(), r.iterations());
    }

    /** The penalty and temperature to use, and where the solver may start (the folds' mean weights, or null). */
    private record Search(double l2, double temperature, double eceBefore, double eceAfter, String chosenBy,
                          int labelsWhenChosen, SoftmaxWeights start) {
    }

    /**
     * The previous version's penalty is reused only if the same solver trained it: the SGD's weight decay and the
     * exact penalty are not on the same scale.
     */
    private Search search(List<FeatureBuffer> x, int[] y, List<String> classes, int dimension, LabelModel previous,
                          LinearSolver solver) {
        int n = x.size();
        if (previous != null && previous.metadata().algorithm().equals(algorithm(solver))) {
            ModelMetadata p = previous.metadata();
            boolean tooMany = n > options.crossValidateUpTo();
            boolean notGrownEnough = n < p.labelsWhenChosen() * options.reuseUntilGrowth();
            if (tooMany || notGrownEnough) {
                return new Search(p.l2(), p.temperature(), p.eceBeforeScaling(), p.eceAfterScaling(),
                        "reused from previous model", p.labelsWhenChosen(), null);
            }
        }
        if (n < MIN_LABELS_FOR_CV || n > options.crossValidateUpTo()) {
            return new Search(DEFAULT_L2, 1.0, Double.NaN, Double.NaN, "default", n, null);
        }
        RegularisationSearch.Choice c = solver == LinearSolver.SGD
                ? RegularisationSearch.chooseForSgd(x, y, classes, dimension, options.folds(), options.seed())
                : RegularisationSearch.choose(x, y, classes, dimension, RegularisationSearch.DEFAULT_GRID,
                        options.folds(), options.seed());
        return new Search(c.l2(), c.temperature(), c.eceBefore(), c.eceAfter(),
                "cross-validation (" + c.folds() + " folds)", n, c.foldMean());
    }

    /** Bootstrap members, each solved from the main model's weights (a resample moves the optimum a little). */
    private List<SoftmaxWeights> trainCommittee(List<FeatureBuffer> x, int[] y, List<String> classes, int dimension,
                                                Search search, Fit main, LinearSolver solver) {
        List<SoftmaxWeights> members = new ArrayList<>();
        Random rnd = new Random(options.seed() + 7919);
        for (int m = 0; m < options.committeeSize(); m++) {
            List<FeatureBuffer> bx = new ArrayList<>(x.size());
            int[] by = new int[x.size()];
            for (int i = 0; i < x.size(); i++) {
                int pick = rnd.nextInt(x.size());
                bx.add(x.get(pick));
                by[i] = y[pick];
            }
            members.add(fit(solver, bx, by, null, classes.size(), dimension, search.l2, main.weights(),
                    options.seed() + 1 + m).weights().withTemperature(search.temperature));
        }
        return members;
    }
}
