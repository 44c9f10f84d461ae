package io.labelloop.bench;

import io.labelloop.learning.LabelErrors;
import io.labelloop.learning.LabelModel;
import io.labelloop.learning.ModelTrainer;
import io.labelloop.learning.bench.LabeledData;
import io.labelloop.quality.internal.DawidSkene;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Label-error detection and overlap under noisy annotators (issue 18), in process through the learning core (the
 * linear model, default featurizer, as the service trains it without a family comparison). Per set and seed: at most
 * {@code MAX} items, a quarter (at most 1,000) kept as the test set, the rest labeled.
 * <ul>
 * <li><b>flags</b>: 10% of the labels flipped to a uniform other class; {@link LabelErrors#find} (5-fold out-of-fold
 * confident learning): precision and recall of the flags, precision among the top-ranked flags numbering 10% of
 * the labeled items (as many as were flipped), and test accuracy of the model trained on the noisy labels, after a
 * reviewer sets every flagged item to its true label, and on clean labels.</li>
 * <li><b>overlap</b>: a budget of judgments equal to half the labeled items, annotators of accuracy 0.95, 0.85,
 * 0.70 and one answering at random (wrong answers uniform): overlap 1 (each item one random annotator) against
 * overlap 2 (half as many items, two different annotators, Dawid-Skene consensus), and overlap 2 with the model as a
 * third voter in Dawid-Skene (its out-of-fold label; CROWDLAB-like, the weight is the confusion DS estimates for it):
 * consensus accuracy and test accuracy.</li>
 * </ul>
 * <p>{@code java -cp "$CP" io.labelloop.bench.LabelErrorSimulation SEEDS MAX FILE...}
 */
public final class LabelErrorSimulation {

    private static final double[] ACCURACY = {0.95, 0.85, 0.70, -1};

    public static void main(String[] args) {
        int seeds = Integer.parseInt(args[0]);
        int max = Integer.parseInt(args[1]);
        System.out.println("dataset,labeled,flagged,precision,recall,precisionTop10,accNoisy,accFixed,accClean,"
                + "ov1Acc,ov2Acc,ov2ModelVoterAcc,ov1LabelAcc,ov2ConsensusAcc,ov2ModelVoterConsensusAcc");
        for (int f = 2; f < args.length; f++) {
            LabeledData d = LabeledData.load(Path.of(args[f]));
            double[] sum = new double[14];
            for (int seed = 0; seed < seeds; seed++) {
                double[] r = run(d, max, seed);
                for (int j = 0; j < sum.length; j++) {
                    sum[j] += r[j] / seeds;
                }
            }
            System.out.println(String.format(Locale.ROOT,
                    "%s,%.0f,%.1f,%.3f,%.3f,%.3f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.3f,%.3f,%.3f", d.name(), sum[0], sum[1],
                    sum[2], sum[3], sum[4], sum[5], sum[6], sum[7], sum[8], sum[9], sum[10], sum[11], sum[12], sum[13]));
        }
    }

    private static double[] run(LabeledData d, int max, int seed) {
        Random rnd = new Random(seed * 7919L + d.name().hashCode());
        List<Integer> order = shuffled(d, max, rnd);
        int testSize = Math.min(1000, order.size() / 4);
        List<Integer> test = order.subList(0, testSize);
        List<Integer> pool = order.subList(testSize, order.size());
        List<String> classes = new ArrayList<>(new TreeSet<>(d.labels()));
        List<byte[]> x = pool.stream().map(d.items()::get).toList();
        List<String> truth = pool.stream().map(d.labels()::get).toList();
        ModelTrainer trainer = new ModelTrainer(d.task());

        // flags on 10% flipped labels
        List<String> noisy = new ArrayList<>(truth);
        Set<Integer> flipped = new HashSet<>();
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < x.size(); i++) {
            idx.add(i);
        }
        Collections.shuffle(idx, rnd);
        for (int i : idx.subList(0, x.size() / 10)) {
            noisy.set(i, other(classes, truth.get(i), rnd));
            flipped.add(i);
        }
        LabelModel noisyModel = trainer.train(x, noisy);
        LabelErrors.Result found = LabelErrors.find(trainer, noisyModel, x, noisy, seed);
        int hits = 0;
        int topHits = 0;
        int top = x.size() / 10;
        List<String> fixed = new ArrayList<>(noisy);
        for (int r = 0; r < found.flags().size(); r++) {
            int i = found.flags().get(r).index();
            boolean hit = flipped.contains(i);
            hits += hit ? 1 : 0;
            topHits += hit && r < top ? 1 : 0;
            fixed.set(i, truth.get(i));
        }
        int flagged = found.flags().size();
        double precision = flagged == 0 ? Double.NaN : (double) hits / flagged;
        double precisionTop = flagged == 0 ? Double.NaN : (double) topHits / Math.min(top, flagged);
        double accNoisy = accuracy(noisyModel, d, test);
        double accFixed = accuracy(trainer.train(x, fixed), d, test);
        double accClean = accuracy(trainer.train(x, truth), d, test);

        // overlap 1 vs 2 at the same budget (half the labeled items in judgments)
        int budget = x.size() / 2;
        List<byte[]> x1 = new ArrayList<>();
        List<String> y1 = new ArrayList<>();
        int right1 = 0;
        for (int i = 0; i < budget; i++) {
            String label = answer(ACCURACY[rnd.nextInt(4)], truth.get(i), classes, rnd);
            x1.add(x.get(i));
            y1.add(label);
            right1 += label.equals(truth.get(i)) ? 1 : 0;
        }
        int items2 = budget / 2;
        List<DawidSkene.Judgment> js = new ArrayList<>();
        for (int i = 0; i < items2; i++) {
            int a = rnd.nextInt(4);
            int b = (a + 1 + rnd.nextInt(3)) % 4;
            for (int ann : new int[] {a, b}) {
                js.add(new DawidSkene.Judgment(i, ann, classes.indexOf(answer(ACCURACY[ann], truth.get(i), classes, rnd))));
            }
        }
        List<byte[]> x2 = x.subList(0, items2);
        List<String> y2 = consensus(js, items2, 4, classes);
        double ov2Consensus = agreement(y2, truth);
        LabelModel m2 = new TreeSet<>(y2).size() < 2 ? null : trainer.train(x2, y2);
        // the model as one more voter: its out-of-fold label on each item, as annotator 4
        double ov2ModelConsensus = Double.NaN;
        double ov2ModelAcc = Double.NaN;
        if (m2 != null) {
            double[][] p = LabelErrors.outOfFoldProbabilities(trainer, m2, x2, y2, seed);
            List<DawidSkene.Judgment> withModel = new ArrayList<>(js);
            for (int i = 0; i < items2; i++) {
                withModel.add(new DawidSkene.Judgment(i, 4, classes.indexOf(m2.classes().get(argmax(p[i])))));
            }
            List<String> y2m = consensus(withModel, items2, 5, classes);
            ov2ModelConsensus = agreement(y2m, truth);
            ov2ModelAcc = new TreeSet<>(y2m).size() < 2 ? Double.NaN : accuracy(trainer.train(x2, y2m), d, test);
        }
        return new double[] {x.size(), flagged, precision, (double) hits / flipped.size(), precisionTop, accNoisy,
                accFixed, accClean, new TreeSet<>(y1).size() < 2 ? Double.NaN : accuracy(trainer.train(x1, y1), d, test),
                m2 == null ? Double.NaN : accuracy(m2, d, test), ov2ModelAcc, (double) right1 / budget, ov2Consensus,
                ov2ModelConsensus};
    }

    private static List<String> consensus(List<DawidSkene.Judgment> js, int items, int annotators, List<String> classes) {
        return labels(DawidSkene.fit(items, annotators, classes.size(), js, 100, 1e-6), items, classes);
    }

    /** At most {@code max} of the set's indices in a random order. */
    static List<Integer> shuffled(LabeledData d, int max, Random rnd) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, rnd);
        return order.subList(0, Math.min(max, order.size()));
    }

    static List<String> labels(DawidSkene.Result r, int items, List<String> classes) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            out.add(classes.get(r.label(i)));
        }
        return out;
    }

    static double agreement(List<String> a, List<String> truth) {
        int right = 0;
        for (int i = 0; i < a.size(); i++) {
            right += a.get(i).equals(truth.get(i)) ? 1 : 0;
        }
        return (double) right / a.size();
    }

    /** A simulated annotator's label: right with probability {@code accuracy}, else a uniform other class; at random below 0. */
    public static String answer(double accuracy, String truth, List<String> classes, Random rnd) {
        if (accuracy < 0) {
            return classes.get(rnd.nextInt(classes.size()));
        }
        return rnd.nextDouble() < accuracy ? truth : other(classes, truth, rnd);
    }

    /** A uniform class other than {@code label}. */
    public static String other(List<String> classes, String label, Random rnd) {
        int t = classes.indexOf(label);
        int o = rnd.nextInt(classes.size() - 1);
        return classes.get(o >= t ? o + 1 : o);
    }

    static double accuracy(LabelModel m, LabeledData d, List<Integer> test) {
        LabelModel.ItemScorer s = m.scorer();
        int right = 0;
        for (int i : test) {
            right += m.classes().get(argmax(s.probabilities(d.items().get(i)))).equals(d.labels().get(i)) ? 1 : 0;
        }
        return (double) right / test.size();
    }

    static int argmax(double[] v) {
        int best = 0;
        for (int c = 1; c < v.length; c++) {
            best = v[c] > v[best] ? c : best;
        }
        return best;
    }
}
