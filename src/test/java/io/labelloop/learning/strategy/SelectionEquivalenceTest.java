package io.labelloop.learning.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The batch selections computed over {@link Columns}, with early stopping and Hamerly's bounds, pick exactly what
 * the plain algorithms pick (every pair's distance or product taken one at a time, every point against every
 * centre for ten iterations), written out here as the reference.
 */
class SelectionEquivalenceTest {

    @Test
    void shouldPickTheSameMedoidsAsThePlainKMeansWhenPointsAreClusteredSpreadOrRepeated() {
        Random rnd = new Random(11);
        int cases = 0;
        for (int dim : new int[]{1, 3, 16, 64, 256}) {
            for (int n : new int[]{1, 5, 40, 300}) {
                for (int k : new int[]{1, 2, 7, 50, 400}) {
                    List<float[]> points = points(rnd, n, dim, 1 + rnd.nextInt(8), n % 3 == 0);
                    long seed = rnd.nextLong();
                    assertThat(KMeansMedoids.select(points, k, seed)).as("n %d, dim %d, k %d", n, dim, k)
                            .containsExactly(PlainKMeansMedoids.select(points, k, seed));
                    cases++;
                }
            }
        }
        assertThat(cases).isEqualTo(100);
    }

    @Test
    void shouldPickTheSameMedoidsAsThePlainKMeansWhenEveryPointIsTheSame() {
        List<float[]> same = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            same.add(new float[]{0.5f, -2f, 3f});
        }
        assertThat(KMeansMedoids.select(same, 5, 3)).containsExactly(PlainKMeansMedoids.select(same, 5, 3)).hasSize(1);
    }

    @Test
    void shouldPickTheSameBadgeBatchAsPairwiseProductsWhenCandidatesAreClusteredSpreadOrRepeated() {
        Random rnd = new Random(5);
        for (int dim : new int[]{1, 8, 256}) {
            for (int n : new int[]{1, 30, 600}) {
                for (int b : new int[]{1, 10, 200, 700}) {
                    List<float[]> points = points(rnd, n, dim, 1 + rnd.nextInt(6), b == 10);
                    boolean threeClasses = b == 200;
                    List<Candidate> candidates = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        double p = 0.34 + 0.66 * rnd.nextDouble(); // the predicted class's probability
                        double[] residual = threeClasses ? new double[]{p - 1, 0.7 * (1 - p), 0.3 * (1 - p)}
                                : new double[]{p - 1, 1 - p};
                        candidates.add(new Candidate(1000 + i, rnd.nextDouble(), points.get(i), residual));
                    }
                    long seed = rnd.nextLong();
                    assertThat(GradientKMeansPlusPlus.select(candidates, b, seed)).as("n %d, dim %d, b %d", n, dim, b)
                            .containsExactlyElementsOf(plainBadge(candidates, b, seed));
                }
            }
        }
    }

    @Test
    void shouldTakeTheSameProductsAsEmbeddingsWhenVectorsDifferInLength() {
        List<float[]> vectors = List.of(new float[]{1, 2, 3}, new float[]{4, 5}, new float[]{-1, 0.5f, 2, 7});
        Columns columns = Columns.of(vectors);
        double[] out = new double[3];
        columns.dots(columns.row(2, new float[columns.dim]), out);
        assertThat(out).containsExactly(Embeddings.dot(vectors.get(0), vectors.get(2)),
                Embeddings.dot(vectors.get(1), vectors.get(2)), Embeddings.dot(vectors.get(2), vectors.get(2)));
    }

    /** Gaussian clusters of random width; with {@code repeats}, every fourth point repeats an earlier one. */
    private static List<float[]> points(Random rnd, int n, int dim, int clusters, boolean repeats) {
        float[][] centres = new float[clusters][dim];
        for (float[] c : centres) {
            for (int j = 0; j < dim; j++) {
                c[j] = (float) (3 * rnd.nextGaussian());
            }
        }
        List<float[]> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (repeats && i % 4 == 3) {
                points.add(points.get(rnd.nextInt(i)).clone());
                continue;
            }
            float[] c = centres[rnd.nextInt(clusters)];
            double width = rnd.nextDouble();
            float[] p = new float[dim];
            for (int j = 0; j < dim; j++) {
                p[j] = (float) (c[j] + width * rnd.nextGaussian());
            }
            points.add(p);
        }
        return points;
    }

    /** BADGE's k-means++ seeding with each product taken by {@link Embeddings#dot}. */
    private static List<Candidate> plainBadge(List<Candidate> candidates, int b, long seed) {
        int n = candidates.size();
        List<Candidate> chosen = new ArrayList<>();
        double[] d2 = new double[n];
        double[] xx = new double[n];
        double[] uu = new double[n];
        int first = 0;
        for (int i = 0; i < n; i++) {
            Candidate c = candidates.get(i);
            xx[i] = c.embeddingNormSquared();
            uu[i] = c.residualNormSquared();
            d2[i] = uu[i] * (xx[i] + 1);
            if (d2[i] > d2[first]) {
                first = i;
            }
        }
        Random rnd = new Random(seed);
        int pick = first;
        while (pick >= 0) {
            Candidate c = candidates.get(pick);
            chosen.add(c);
            if (chosen.size() >= b) {
                break;
            }
            double total = 0;
            for (int i = 0; i < n; i++) {
                if (d2[i] > 0) {
                    Candidate o = candidates.get(i);
                    double xo = Embeddings.dot(o.embedding(), c.embedding());
                    d2[i] = i == pick || Embeddings.nearDuplicate(xx[i], xx[pick], xo)
                            ? 0 : Math.min(d2[i], Candidate.gradientDistance(uu[i], xx[i], uu[pick], xx[pick], o.residualDot(c), xo));
                    total += d2[i];
                }
            }
            pick = total > 0 ? sample(d2, total, rnd) : -1;
        }
        return chosen;
    }

    private static int sample(double[] weights, double total, Random rnd) {
        double r = rnd.nextDouble() * total;
        int last = -1;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] > 0) {
                last = i;
                r -= weights[i];
                if (r <= 0) {
                    return i;
                }
            }
        }
        return last;
    }

    /** k-means with k-means++ seeding, every point against every centre, ten iterations, best of three. */
    private static final class PlainKMeansMedoids {
        static int[] select(List<float[]> points, int k, long seed) {
            int n = points.size();
            k = Math.min(k, n);
            if (k == 0) {
                return new int[0];
            }
            Random rnd = new Random(seed);
            List<float[]> centres = null;
            double bestInertia = Double.POSITIVE_INFINITY;
            for (int restart = 0; restart < 3; restart++) {
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
            for (int it = 0; it < 10; it++) {
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
}
