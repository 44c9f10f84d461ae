package io.labelloop.quality.internal;

import java.util.Arrays;
import java.util.List;

/**
 * Dawid and Skene (1979): each annotator has a confusion matrix (probability of answering l when the
 * truth is k), the classes a prior; EM alternates the items' posterior over the true class (E) with
 * the matrices and prior that the posteriors imply (M). Started from the vote shares, as the paper
 * does. A small Dirichlet pseudo-count keeps matrices of annotators with few judgments away from 0 and 1.
 */
public final class DawidSkene {

    /** One judgment: item index, annotator index, class index. */
    public record Judgment(int item, int annotator, int label) {
    }

    /** Per item the posterior over classes; per annotator the confusion matrix [truth][answer]; the class prior. */
    public record Result(double[][] posterior, double[][][] confusion, double[] prior, int iterations) {

        public int label(int item) {
            return argmax(posterior[item]);
        }

        public double confidence(int item) {
            return posterior[item][label(item)];
        }

        /** The annotator's estimated accuracy: the prior-weighted diagonal of its confusion matrix. */
        public double quality(int annotator) {
            double q = 0;
            for (int k = 0; k < prior.length; k++) {
                q += prior[k] * confusion[annotator][k][k];
            }
            return q;
        }
    }

    private static final double PSEUDO_COUNT = 0.01;
    /**
     * Judgments per annotator and confusion cell below which each annotator gets one accuracy with its
     * errors spread evenly over the other classes (the "one-coin" model) instead of a full matrix: with
     * many classes and few judgments a full matrix fits noise (simulated on the shared sets, docs/teams.md).
     */
    static final double JUDGMENTS_PER_CELL_FOR_FULL_MATRICES = 50;

    private DawidSkene() {
    }

    public static Result fit(int items, int annotators, int classes, List<Judgment> judgments, int maxIterations, double tolerance) {
        double[][] t = new double[items][classes];
        for (Judgment j : judgments) {
            t[j.item()][j.label()] += 1;
        }
        for (double[] row : t) {
            normalize(row);
        }
        double[][][] pi = new double[annotators][classes][classes];
        double[] prior = new double[classes];
        boolean oneCoin = judgments.size() < JUDGMENTS_PER_CELL_FOR_FULL_MATRICES * classes * classes * Math.max(1, annotators);
        int iteration = 0;
        while (iteration < maxIterations) {
            iteration++;
            mStep(t, judgments, pi, prior);
            if (oneCoin) {
                oneCoin(pi);
            }
            double change = eStep(t, judgments, pi, prior);
            if (change < tolerance) {
                break;
            }
        }
        mStep(t, judgments, pi, prior);
        if (oneCoin) {
            oneCoin(pi);
        }
        return new Result(t, pi, prior, iteration);
    }

    /** Each annotator's matrix as one accuracy (the mean of its diagonal) and evenly spread errors. */
    private static void oneCoin(double[][][] pi) {
        for (double[][] matrix : pi) {
            int classes = matrix.length;
            double accuracy = 0;
            for (int k = 0; k < classes; k++) {
                accuracy += matrix[k][k] / classes;
            }
            for (int k = 0; k < classes; k++) {
                for (int l = 0; l < classes; l++) {
                    matrix[k][l] = k == l ? accuracy : (1 - accuracy) / (classes - 1);
                }
            }
        }
    }

    private static void mStep(double[][] t, List<Judgment> judgments, double[][][] pi, double[] prior) {
        int classes = prior.length;
        Arrays.fill(prior, PSEUDO_COUNT);
        for (double[] row : t) {
            for (int k = 0; k < classes; k++) {
                prior[k] += row[k];
            }
        }
        normalize(prior);
        for (double[][] matrix : pi) {
            for (double[] row : matrix) {
                Arrays.fill(row, PSEUDO_COUNT);
            }
        }
        for (Judgment j : judgments) {
            for (int k = 0; k < classes; k++) {
                pi[j.annotator()][k][j.label()] += t[j.item()][k];
            }
        }
        for (double[][] matrix : pi) {
            for (double[] row : matrix) {
                normalize(row);
            }
        }
    }

    /** Recomputes the posteriors; returns the largest change of any posterior probability. */
    private static double eStep(double[][] t, List<Judgment> judgments, double[][][] pi, double[] prior) {
        int classes = prior.length;
        double[][] log = new double[t.length][classes];
        for (double[] row : log) {
            for (int k = 0; k < classes; k++) {
                row[k] = Math.log(prior[k]);
            }
        }
        for (Judgment j : judgments) {
            for (int k = 0; k < classes; k++) {
                log[j.item()][k] += Math.log(pi[j.annotator()][k][j.label()]);
            }
        }
        double change = 0;
        for (int i = 0; i < t.length; i++) {
            double max = Arrays.stream(log[i]).max().orElse(0);
            double sum = 0;
            double[] next = new double[classes];
            for (int k = 0; k < classes; k++) {
                next[k] = Math.exp(log[i][k] - max);
                sum += next[k];
            }
            for (int k = 0; k < classes; k++) {
                next[k] /= sum;
                change = Math.max(change, Math.abs(next[k] - t[i][k]));
            }
            t[i] = next;
        }
        return change;
    }

    private static void normalize(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        if (sum <= 0) {
            Arrays.fill(v, 1.0 / v.length);
            return;
        }
        for (int k = 0; k < v.length; k++) {
            v[k] /= sum;
        }
    }

    static int argmax(double[] v) {
        int best = 0;
        for (int k = 1; k < v.length; k++) {
            if (v[k] > v[best]) {
                best = k;
            }
        }
        return best;
    }
}
