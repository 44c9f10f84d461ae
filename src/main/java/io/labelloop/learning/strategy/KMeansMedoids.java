package io.labelloop.learning.strategy;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Representative and diverse seeds for cold start: k-means (Lloyd 1982) with k-means++ initialisation
 * (Arthur &amp; Vassilvitskii 2007, best of 3 restarts) on item embeddings, then the item nearest each centre, largest cluster
 * first (the typical item of each cluster, in the spirit of TypiClust, Hacohen et al. 2022).
 * <p>The result is that of the plain algorithm (every point against every centre, ten Lloyd iterations, each
 * distance summed as {@link Embeddings#squaredDistance} sums it), at a fraction of the cost:
 * <ul>
 *   <li>Lloyd stops when no assignment changes: the centres would come out as they are in every later iteration;</li>
 *   <li>a point is compared with every centre only when Hamerly's bounds (2010) do not settle its nearest centre
 *   (the bounds must clear the distance by a relative margin far above the rounding of computed distances, so
 *   the centre they keep is the one the full comparison finds);</li>
 *   <li>one vector's distances to all points or all centres run over {@link Columns}, and the last assignment of
 *   the best restart gives the medoids.</li>
 * </ul>
 */
public final class KMeansMedoids {
    private static final int ITERATIONS = 10;
    private static final int RESTARTS = 3;
    /** Relative margin by which a bound must clear a distance before the comparisons are skipped. */
    private static final double MARGIN = 1e-6;

    private KMeansMedoids() {
    }

    /** Indices of up to {@code k} distinct items of {@code points}. */
    public static int[] select(List<float[]> points, int k, long seed) {
        int n = points.size();
        k = Math.min(k, n);
        if (k == 0) {
            return new int[0];
        }
        Columns columns = Columns.of(points);
        List<float[]> rows = points.stream().map(p -> p.length == columns.dim ? p : Arrays.copyOf(p, columns.dim)).toList();
        Random rnd = new Random(seed);
        Run best = null;
        for (int restart = 0; restart < RESTARTS; restart++) {
            Run run = new Lloyd(rows, initialise(columns, rows, k, rnd)).run();
            if (best == null || run.inertia() < best.inertia()) {
                best = run;
            }
        }
        int centres = best.centres();
        int[] size = new int[centres];
        int[] medoid = new int[centres];
        double[] nearest = new double[centres];
        Arrays.fill(medoid, -1);
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            int c = best.assign()[i];
            size[c]++;
            if (best.distance()[i] < nearest[c]) {
                nearest[c] = best.distance()[i];
                medoid[c] = i;
            }
        }
        Integer[] order = new Integer[centres];
        for (int c = 0; c < order.length; c++) {
            order[c] = c;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(size[b], size[a]));
        return Arrays.stream(order).mapToInt(c -> medoid[c]).filter(i -> i >= 0).toArray();
    }

    /** A restart's number of centres, each point's nearest centre and its squared distance to it. */
    private record Run(int centres, int[] assign, double[] distance) {
        double inertia() {
            double s = 0;
            for (double d : distance) {
                s += d;
            }
            return s;
        }
    }

    /** k-means++ seeding: up to k points, each drawn with probability proportional to D^2 (fewer if all D^2 are 0). */
    private static Columns initialise(Columns points, List<float[]> rows, int k, Random rnd) {
        int n = points.count;
        int[] picks = new int[k];
        int count = 0;
        picks[count++] = rnd.nextInt(n);
        double[] d2 = new double[n];
        double[] last = new double[n];
        Arrays.fill(d2, Double.POSITIVE_INFINITY);
        while (count < k) {
            points.squaredDistances(rows.get(picks[count - 1]), last);
            double total = 0;
            for (int i = 0; i < n; i++) {
                d2[i] = Math.min(d2[i], last[i]);
                total += d2[i];
            }
            if (total <= 0) {
                break;
            }
            double r = rnd.nextDouble() * total;
            int pick = 0;
            for (int i = 0; i < n; i++) {
                r -= d2[i];
                if (r <= 0) {
                    pick = i;
                    break;
                }
            }
            picks[count++] = pick;
        }
        Columns centres = new Columns(count, points.dim);
        for (int c = 0; c < count; c++) {
            for (int j = 0; j < points.dim; j++) {
                centres.set(c, j, points.get(picks[c], j));
            }
        }
        return centres;
    }

    /**
     * Up to {@value #ITERATIONS} Lloyd iterations from seeded centres, then the assignment to the final centres.
     * Hamerly's bounds: {@code upper[i]} at least the distance to the assigned centre, {@code lower[i]} at most the
     * distance to any other.
     */
    private static final class Lloyd {
        private final List<float[]> rows;
        private final int n;
        private final int k;
        private final int dim;
        private Columns centre;
        private Columns next;
        private final int[] assign;
        private final double[] upper;
        private final double[] lower;
        private final double[] half;
        private final double[] distances;
        private final float[] row;

        Lloyd(List<float[]> rows, Columns seeds) {
            this.rows = rows;
            this.n = rows.size();
            this.k = seeds.count;
            this.dim = seeds.dim;
            this.centre = seeds;
            this.next = new Columns(k, dim);
            this.assign = new int[n];
            this.upper = new double[n];
            this.lower = new double[n];
            this.half = new double[k];
            this.distances = new double[k];
            this.row = new float[dim];
        }

        Run run() {
            double[] sums = new double[k * dim];
            int[] counts = new int[k];
            double[] moved = new double[k];
            for (int i = 0; i < n; i++) {
                nearest(i);
            }
            boolean settled = false;
            for (int it = 0; it < ITERATIONS; it++) {
                if (it > 0 && !reassignAll()) {
                    settled = true;
                    break;
                }
                Arrays.fill(sums, 0);
                Arrays.fill(counts, 0);
                for (int i = 0; i < n; i++) {
                    int s = assign[i] * dim;
                    float[] p = rows.get(i);
                    counts[assign[i]]++;
                    for (int j = 0; j < dim; j++) {
                        sums[s + j] += p[j];
                    }
                }
                System.arraycopy(centre.values, 0, next.values, 0, centre.values.length);
                for (int c = 0; c < k; c++) {
                    if (counts[c] > 0) {
                        for (int j = 0; j < dim; j++) {
                            next.set(c, j, (float) (sums[c * dim + j] / counts[c]));
                        }
                    }
                    double d = 0;
                    for (int j = 0; j < dim; j++) {
                        double diff = next.get(c, j) - centre.get(c, j);
                        d += diff * diff;
                    }
                    moved[c] = Math.sqrt(d) * (1 + MARGIN);
                }
                Columns swap = centre;
                centre = next;
                next = swap;
                loosen(moved);
            }
            if (!settled) {
                reassignAll();
            }
            double[] distance = new double[n];
            for (int i = 0; i < n; i++) {
                distance[i] = centre.squaredDistance(assign[i], rows.get(i));
            }
            return new Run(k, assign, distance);
        }

        /** After the centres moved: the upper bounds grow by their centre's move, the lower by the largest other. */
        private void loosen(double[] moved) {
            int far = 0;
            for (int c = 1; c < k; c++) {
                if (moved[c] > moved[far]) {
                    far = c;
                }
            }
            double second = 0;
            for (int c = 0; c < k; c++) {
                if (c != far) {
                    second = Math.max(second, moved[c]);
                }
            }
            for (int i = 0; i < n; i++) {
                upper[i] += moved[assign[i]];
                lower[i] -= assign[i] == far ? second : moved[far];
            }
        }

        /** Assigns every point to its nearest centre; whether any assignment changed. */
        private boolean reassignAll() {
            Arrays.fill(half, Double.POSITIVE_INFINITY);
            for (int a = 0; a < k; a++) {
                centre.squaredDistances(centre.row(a, row), distances);
                for (int b = 0; b < k; b++) {
                    if (b != a) {
                        half[a] = Math.min(half[a], distances[b]);
                    }
                }
                half[a] = 0.5 * Math.sqrt(half[a]);
            }
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                int a = assign[i];
                double bound = Math.max(half[a], lower[i]) * (1 - MARGIN);
                if (upper[i] < bound) {
                    continue;
                }
                upper[i] = Math.sqrt(centre.squaredDistance(a, rows.get(i))) * (1 + MARGIN);
                if (upper[i] < bound) {
                    continue;
                }
                nearest(i);
                changed |= assign[i] != a;
            }
            return changed;
        }

        /** Point i against every centre: the first nearest one, as a plain scan finds it, and fresh bounds. */
        private void nearest(int i) {
            centre.squaredDistances(rows.get(i), distances);
            int best = 0;
            double bestD = Double.POSITIVE_INFINITY;
            double secondD = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double d = distances[c];
                if (d < bestD) {
                    secondD = bestD;
                    bestD = d;
                    best = c;
                } else if (d < secondD) {
                    secondD = d;
                }
            }
            assign[i] = best;
            upper[i] = Math.sqrt(bestD) * (1 + MARGIN);
            lower[i] = Math.sqrt(secondD) * (1 - MARGIN);
        }
    }
}
