package io.labelloop.learning.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Core-set selection by k-center greedy (Sener &amp; Savarese 2018, "Active Learning for Convolutional
 * Neural Networks: A Core-Set Approach"): repeatedly take the candidate farthest (Euclidean, in feature
 * space) from every labelled item and every item already taken. Farthest-first never takes a
 * near-duplicate of a centre while a farther item exists.
 */
public final class KCenterGreedy {
    private KCenterGreedy() {
    }

    /** Up to {@code b} candidates in the order they were taken. */
    public static List<Candidate> select(List<Candidate> candidates, List<float[]> labeled, int b, long seed) {
        int n = candidates.size();
        double[] minDist = new double[n];
        java.util.Arrays.fill(minDist, Double.POSITIVE_INFINITY);
        for (float[] centre : labeled) {
            update(candidates, minDist, centre);
        }
        List<Candidate> chosen = new ArrayList<>();
        boolean[] taken = new boolean[n];
        Random rnd = new Random(seed);
        while (chosen.size() < Math.min(b, n)) {
            int best = -1;
            if (labeled.isEmpty() && chosen.isEmpty()) {
                best = rnd.nextInt(n);
            } else {
                for (int i = 0; i < n; i++) {
                    if (!taken[i] && (best < 0 || minDist[i] > minDist[best])) {
                        best = i;
                    }
                }
            }
            if (best < 0 || (minDist[best] <= 1e-12 && !chosen.isEmpty())) {
                break; // only exact duplicates of centres remain
            }
            taken[best] = true;
            chosen.add(candidates.get(best));
            update(candidates, minDist, candidates.get(best).embedding());
        }
        return chosen;
    }

    private static void update(List<Candidate> candidates, double[] minDist, float[] centre) {
        for (int i = 0; i < candidates.size(); i++) {
            minDist[i] = Math.min(minDist[i], Embeddings.squaredDistance(candidates.get(i).embedding(), centre));
        }
    }
}
