package io.labelloop.bench;

import io.labelloop.learning.LabelErrors;
import io.labelloop.learning.LabelModel;
import io.labelloop.learning.ModelTrainer;
import io.labelloop.learning.bench.LabeledData;
import io.labelloop.quality.internal.DawidSkene;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;

/**
 * What the learning loop does with consensus labels (issue 18), in process through the learning core (the linear
 * model, default featurizer). Per set and seed: at most {@code MAX} items, a quarter (at most 1,000) as the test set,
 * a share of the rest (default half) judged by 2 (and, separately, 3) of four simulated annotators of accuracy 0.95, 0.85, 0.70 and
 * random (chosen at random per item), Dawid-Skene consensus.
 * <ul>
 * <li><b>weighting</b>: test accuracy of the model trained on the consensus labels unweighted against weighted by
 * the consensus confidence (the posterior), with 2 and with 3 judgments per item.</li>
 * <li><b>the model as a voter</b> (2 judgments): consensus accuracy without the model, with its out-of-fold label as
 * one more Dawid-Skene voter always, and only when its out-of-fold accuracy on the consensus labels beats the
 * weakest annotator's estimated accuracy (guard "weakest"), the judgment-weighted mean of the annotators'
 * estimated accuracies (guard "mean"), or the share of the judgments that agree with the consensus (guard
 * "judgments").</li>
 * </ul>
 * Each figure: mean over the seeds; each comparison also the mean and standard deviation of the paired difference.
 * <p>{@code java -cp "$CP" io.labelloop.bench.ConsensusTrainingSimulation SEEDS MAX FILE... [share=0.5]}
 */
public final class ConsensusTrainingSimulation {

    private static final double[] ACCURACY = {0.95, 0.85, 0.70, -1};
    private static final String[] COLUMNS = {"unweighted2", "weighted2", "unweighted3", "weighted3", "consensus2",
        "modelVoter", "guardWeakest", "guardMean", "modelOofAcc", "weakestEstimate", "meanEstimate", "guardJudgments",
        "judgmentAgreement"};

    private ConsensusTrainingSimulation() {
    }

    public static void main(String[] args) {
        int seeds = Integer.parseInt(args[0]);
        int max = Integer.parseInt(args[1]);
        String last = args[args.length - 1];
        boolean shareGiven = last.matches("0?\\.\\d+");
        double share = shareGiven ? Double.parseDouble(last) : 0.5;
        int files = shareGiven ? args.length - 1 : args.length;
        System.out.println("dataset," + String.join(",", COLUMNS)
                + ",dWeighted2,sdWeighted2,dWeighted3,sdWeighted3,dVoter,sdVoter,dWeakest,sdWeakest,dMean,sdMean,dJudgments,sdJudgments");
        for (int f = 2; f < files; f++) {
            LabeledData d = LabeledData.load(Path.of(args[f]));
            double[][] r = new double[seeds][];
            for (int seed = 0; seed < seeds; seed++) {
                r[seed] = run(d, max, share, seed);
                System.err.println(d.name() + " seed " + seed + ": " + java.util.Arrays.toString(r[seed]));
            }
            StringBuilder line = new StringBuilder(d.name());
            for (int j = 0; j < COLUMNS.length; j++) {
                line.append(String.format(Locale.ROOT, ",%.4f", mean(r, j, -1)));
            }
            int[][] pairs = {{1, 0}, {3, 2}, {5, 4}, {6, 4}, {7, 4}, {11, 4}};
            for (int[] p : pairs) {
                line.append(String.format(Locale.ROOT, ",%+.4f,%.4f", mean(r, p[0], p[1]), sd(r, p[0], p[1])));
            }
            System.out.println(line);
        }
    }

    private static double[] run(LabeledData d, int max, double share, int seed) {
        Random rnd = new Random(seed * 7919L + d.name().hashCode());
        List<Integer> order = LabelErrorSimulation.shuffled(d, max, rnd);
        int testSize = Math.min(1000, order.size() / 4);
        List<Integer> test = order.subList(0, testSize);
        List<Integer> pool = order.subList(testSize, testSize + (int) ((order.size() - testSize) * share));
        List<String> classes = new ArrayList<>(new TreeSet<>(d.labels()));
        List<byte[]> x = pool.stream().map(d.items()::get).toList();
        List<String> truth = pool.stream().map(d.labels()::get).toList();
        ModelTrainer trainer = new ModelTrainer(d.task());
        double[] out = new double[COLUMNS.length];
        for (int k = 2; k <= 3; k++) {
            List<DawidSkene.Judgment> js = judgments(truth, classes, k, rnd);
            DawidSkene.Result ds = DawidSkene.fit(x.size(), ACCURACY.length, classes.size(), js, 100, 1e-6);
            List<String> y = LabelErrorSimulation.labels(ds, x.size(), classes);
            double[] confidence = new double[x.size()];
            for (int i = 0; i < confidence.length; i++) {
                confidence[i] = ds.confidence(i);
            }
            if (new TreeSet<>(y).size() < 2) {
                return null;
            }
            LabelModel plain = trainer.train(x, y);
            out[2 * (k - 2)] = LabelErrorSimulation.accuracy(plain, d, test);
            out[2 * (k - 2) + 1] = LabelErrorSimulation.accuracy(trainer.train(x, y, confidence, List.of(), null), d, test);
            if (k == 2) {
                voter(trainer, plain, x, y, truth, js, ds, classes, seed, out);
            }
        }
        return out;
    }

    /** Fills the model-as-voter columns (4-12) for the 2-judgment consensus. */
    private static void voter(ModelTrainer trainer, LabelModel model, List<byte[]> x, List<String> y, List<String> truth,
            List<DawidSkene.Judgment> js, DawidSkene.Result ds, List<String> classes, int seed, double[] out) {
        double[][] p = LabelErrors.outOfFoldProbabilities(trainer, model, x, y, seed);
        List<DawidSkene.Judgment> withModel = new ArrayList<>(js);
        int agree = 0;
        for (int i = 0; i < x.size(); i++) {
            String predicted = model.classes().get(LabelErrorSimulation.argmax(p[i]));
            withModel.add(new DawidSkene.Judgment(i, ACCURACY.length, classes.indexOf(predicted)));
            agree += predicted.equals(y.get(i)) ? 1 : 0;
        }
        double oof = (double) agree / x.size();
        int[] count = new int[ACCURACY.length];
        js.forEach(j -> count[j.annotator()]++);
        double weakest = 1;
        double mean = 0;
        for (int a = 0; a < ACCURACY.length; a++) {
            if (count[a] > 0) {
                weakest = Math.min(weakest, ds.quality(a));
                mean += ds.quality(a) * count[a] / js.size();
            }
        }
        DawidSkene.Result voted = DawidSkene.fit(x.size(), ACCURACY.length + 1, classes.size(), withModel, 100, 1e-6);
        double without = LabelErrorSimulation.agreement(LabelErrorSimulation.labels(ds, x.size(), classes), truth);
        double with = LabelErrorSimulation.agreement(LabelErrorSimulation.labels(voted, x.size(), classes), truth);
        out[4] = without;
        out[5] = with;
        out[6] = oof > weakest ? with : without;
        out[7] = oof > mean ? with : without;
        out[8] = oof;
        out[9] = weakest;
        out[10] = mean;
        List<String> consensus = LabelErrorSimulation.labels(ds, x.size(), classes);
        double judgmentAgreement = js.stream().filter(j -> classes.get(j.label()).equals(consensus.get(j.item()))).count()
                / (double) js.size();
        out[11] = oof > judgmentAgreement ? with : without;
        out[12] = judgmentAgreement;
    }

    private static List<DawidSkene.Judgment> judgments(List<String> truth, List<String> classes, int k, Random rnd) {
        List<DawidSkene.Judgment> js = new ArrayList<>();
        for (int i = 0; i < truth.size(); i++) {
            List<Integer> annotators = new ArrayList<>(List.of(0, 1, 2, 3));
            Collections.shuffle(annotators, rnd);
            for (int a : annotators.subList(0, k)) {
                String label = LabelErrorSimulation.answer(ACCURACY[a], truth.get(i), classes, rnd);
                js.add(new DawidSkene.Judgment(i, a, classes.indexOf(label)));
            }
        }
        return js;
    }

    /** Mean over the seeds of column {@code j}, or of {@code j} minus {@code minus} (at 0 or more). */
    private static double mean(double[][] r, int j, int minus) {
        return java.util.Arrays.stream(r).filter(java.util.Objects::nonNull)
                .mapToDouble(v -> v[j] - (minus >= 0 ? v[minus] : 0)).average().orElse(Double.NaN);
    }

    private static double sd(double[][] r, int j, int minus) {
        double m = mean(r, j, minus);
        double[] v = java.util.Arrays.stream(r).filter(java.util.Objects::nonNull).mapToDouble(x -> x[j] - x[minus]).toArray();
        return Math.sqrt(java.util.Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / Math.max(1, v.length - 1));
    }
}
