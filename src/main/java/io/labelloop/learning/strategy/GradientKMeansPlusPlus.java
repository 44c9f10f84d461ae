package io.labelloop.learning.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * BADGE (Ash et al. 2020, "Deep Batch Active Learning by Diverse, Uncertain Gradient Lower Bounds"):
 * k-means++ seeding (Arthur &amp; Vassilvitskii 2007) over gradient embeddings g = (p - e_yhat) (x) (x, 1).
 * The first pick has the largest |g|; each next pick is drawn with probability proportional to its
 * squared distance D^2 to the nearest pick, so batches are both uncertain (long gradients) and spread
 * out. Near-duplicates (in feature space) of a pick are never drawn.
 * <p>With a non-linear model family, x is the family's mapped features (the KERNEL family's random Fourier
 * features, or HOG features), i.e. the gradient embedding of the last layer, as BADGE uses for a network;
 * distances between picks are therefore distances in the kernel's feature space.
 * <p>The products x . x' of each new pick with every candidate run over {@link Columns}: the same sums, in the same
 * order, as {@link Embeddings#dot} of each pair, so the batch is the same as from products taken one pair at a time.
 */
public final class GradientKMeansPlusPlus {
    private GradientKMeansPlusPlus() {
    }

    public static List<Candidate> select(List<Candidate> candidates, int b, long seed) {
        int n = candidates.size();
        List<Candidate> chosen = new ArrayList<>();
        if (n == 0) {
            return chosen;
        }
        double[] d2 = new double[n];
        double[] xx = new double[n]; // |x|^2 and |u|^2 of each candidate, so that a pair costs one product x . x'
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
        Columns x = Columns.of(candidates.stream().map(Candidate::embedding).toList());
        double[] xo = new double[n]; // x . x_pick of each candidate
        float[] query = new float[x.dim];
        Random rnd = new Random(seed);
        int pick = first;
        while (pick >= 0) {
            Candidate c = candidates.get(pick);
            chosen.add(c);
            if (chosen.size() >= b) {
                break;
            }
            x.dots(x.row(pick, query), xo);
            double total = 0;
            for (int i = 0; i < n; i++) {
                if (d2[i] > 0) {
                    Candidate o = candidates.get(i);
                    d2[i] = i == pick || Embeddings.nearDuplicate(xx[i], xx[pick], xo[i]) ? 0
                            : Math.min(d2[i], Candidate.gradientDistance(uu[i], xx[i], uu[pick], xx[pick], o.residualDot(c), xo[i]));
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
}
