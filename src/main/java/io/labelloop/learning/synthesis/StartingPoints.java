package io.labelloop.learning.synthesis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Ranks the seeds as starting points: priority = uncertainty + {@value #COVERAGE_WEIGHT} x coverage gap, where
 * the coverage gap is the distance to the nearest human-labeled seed divided by twice the median of those
 * distances, capped at 1 (0 when nothing is labeled yet). High uncertainty puts a start near the decision
 * boundary; a large gap puts it where few items have been labeled (in the spirit of density- and
 * coverage-aware sampling, Settles &amp; Craven 2008; Sener &amp; Savarese 2018). Ties are broken at random.
 * Distances are measured to at most {@value #MAX_REFERENCES} labeled seeds, so ranking 5,000 seeds costs a
 * few million distance terms.
 */
final class StartingPoints {
    static final double COVERAGE_WEIGHT = 0.5;
    static final int MAX_REFERENCES = 256;

    private StartingPoints() {
    }

    /** Seed indices, highest priority first. */
    static int[] rank(List<SynthesisSeed> seeds, SeedSpace space, Random rnd) {
        double[] gap = coverageGaps(seeds, space);
        double[] priority = new double[seeds.size()];
        Integer[] order = new Integer[seeds.size()];
        for (int i = 0; i < priority.length; i++) {
            priority[i] = seeds.get(i).uncertainty() + COVERAGE_WEIGHT * gap[i] + 1e-9 * rnd.nextDouble();
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -priority[i]));
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    private static double[] coverageGaps(List<SynthesisSeed> seeds, SeedSpace space) {
        List<Integer> labeled = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) {
            if (seeds.get(i).humanLabel() != null) {
                labeled.add(i);
            }
        }
        double[] gap = new double[seeds.size()];
        if (labeled.isEmpty()) {
            return gap;
        }
        int stride = Math.max(1, labeled.size() / MAX_REFERENCES);
        for (int i = 0; i < gap.length; i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int r = 0; r < labeled.size(); r += stride) {
                best = Math.min(best, SeedSpace.squaredDistance(space.point(i), space.point(labeled.get(r))));
            }
            gap[i] = Math.sqrt(best);
        }
        double[] positive = Arrays.stream(gap).filter(g -> g > 0).sorted().toArray();
        double scale = positive.length == 0 ? 1 : 2 * positive[positive.length / 2];
        for (int i = 0; i < gap.length; i++) {
            gap[i] = Math.min(1, gap[i] / scale);
        }
        return gap;
    }
}
