package io.labelloop.learning.strategy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Representative and diverse seeds for cold start: k-means (Lloyd 1982) with k-means++ initialisation
 * (Arthur &amp; Vassilvitskii 2007, best of 3 restarts) on item embeddings, then the item nearest each centre, largest cluster
 * first (the typical item of each cluster, in the spirit of TypiClust, Hacohen et al. 2022).
 */
public final class KMeansMedoids {
    private static final int ITERATIONS = 10;
    private static final int RESTARTS = 3;

    private KMeansMedoids() {
    }

    /** Indices of up to {@code k} distinct items of {@code points}. */
    public static int[] select(List<float[]> points, int k, long seed) {
        int n = points.size();
        k = Math.min(k, n);
        if (k == 0) {
            return new int[0];
        }
        Random rnd = new Random(seed);
        List<float[]> centres = null;
        double bestInertia = Double.POSITIVE_INFINITY;
        for (int restart = 0; restart < RESTARTS; restart++) {
            List<float[]> run = lloyd(points, initialise(points, k, rnd));
            double inertia = 0;
            for (float[] p : points) {
                inertia += Embeddings.squaredDistance(p, run.get(nearest(p, run)));
            }
            if (inertia < bestInertia) {
                bestInertia = inertia;
                centres = run;
            }
        }
        int[] size = new int[centres.size()];
        int[] medoid = new int[centres.size()];
        double[] best = new double[centres.size()];
        Arrays.fill(medoid, -1);
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            int c = nearest(points.get(i), centres);
            size[c]++;
            double d = Embeddings.squaredDistance(points.get(i), centres.get(c));
            if (d < best[c]) {
                best[c] = d;
                medoid[c] = i;
            }
        }
        Integer[] order = new Integer[centres.size()];
        for (int c = 0; c < order.length; c++) {
            order[c] = c;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(size[b], size[a]));
        return Arrays.stream(order).mapToInt(c -> medoid[c]).filter(i -> i >= 0).toArray();
    }

    private static List<float[]> lloyd(List<float[]> points, List<float[]> centres) {
        int n = points.size();
        int[] assign = new int[n];
        int dim = points.get(0).length;
        for (int it = 0; it < ITERATIONS; it++) {
            for (int i = 0; i < n; i++) {
                assign[i] = nearest(points.get(i), centres);
            }
            double[][] sums = new double[centres.size()][dim];
            int[] counts = new int[centres.size()];
            for (int i = 0; i < n; i++) {
                counts[assign[i]]++;
                float[] p = points.get(i);
                for (int j = 0; j < dim; j++) {
                    sums[assign[i]][j] += p[j];
                }
            }
            for (int c = 0; c < centres.size(); c++) {
                if (counts[c] > 0) {
                    float[] m = new float[dim];
                    for (int j = 0; j < dim; j++) {
                        m[j] = (float) (sums[c][j] / counts[c]);
                    }
                    centres.set(c, m);
                }
            }
        }
        return centres;
    }

    private static List<float[]> initialise(List<float[]> points, int k, Random rnd) {
        List<float[]> centres = new ArrayList<>();
        centres.add(points.get(rnd.nextInt(points.size())));
        double[] d2 = new double[points.size()];
        Arrays.fill(d2, Double.POSITIVE_INFINITY);
        while (centres.size() < k) {
            float[] last = centres.get(centres.size() - 1);
            double total = 0;
            for (int i = 0; i < points.size(); i++) {
                d2[i] = Math.min(d2[i], Embeddings.squaredDistance(points.get(i), last));
                total += d2[i];
            }
            if (total <= 0) {
                break;
            }
            double r = rnd.nextDouble() * total;
            int pick = 0;
            for (int i = 0; i < points.size(); i++) {
                r -= d2[i];
                if (r <= 0) {
                    pick = i;
                    break;
                }
            }
            centres.add(points.get(pick));
        }
        return centres;
    }

    private static int nearest(float[] p, List<float[]> centres) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centres.size(); c++) {
            double d = Embeddings.squaredDistance(p, centres.get(c));
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best;
    }
}
