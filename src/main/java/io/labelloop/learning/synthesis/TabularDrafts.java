package io.labelloop.learning.synthesis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;

/**
 * TABULAR drafts, two ways:
 * <ul>
 *   <li><b>interpolation</b> (SMOTE, Chawla et al. 2002, aimed at the boundary as in Borderline-SMOTE, Han et
 *       al. 2005): pick one of the start's {@value #NEIGHBOURS} nearest seeds (standardised distance),
 *       preferring those whose human or predicted label differs from the start's, and make
 *       x = a + lambda (b - a) with lambda uniform in [{@value #LAMBDA_MIN}, {@value #LAMBDA_MAX}], so the point
 *       lies strictly between its parents. A value missing in the start stays missing; one missing only in the
 *       neighbour is taken from the start. Whole-number columns are rounded (still between the parents' values);
 *       used with probability {@value #INTERPOLATION_SHARE} when there are two or more seeds;</li>
 *   <li><b>noise</b>: x_j = a_j + N(0, ({@value #NOISE_SD} sd_j)^2), clipped to the seeds' observed
 *       [min_j, max_j], whole-number columns rounded, missing values kept missing.</li>
 * </ul>
 */
final class TabularDrafts implements DraftMaker {
    static final int NEIGHBOURS = 5;
    static final double LAMBDA_MIN = 0.25, LAMBDA_MAX = 0.75;
    static final double INTERPOLATION_SHARE = 0.7;
    static final double NOISE_SD = 0.15;
    private final List<SynthesisSeed> seeds;
    private final SeedSpace space;
    private final ColumnStats stats;
    private final boolean interpolate;

    /** @param interpolate false = noise only (label-preserving copies for training) */
    TabularDrafts(List<SynthesisSeed> seeds, SeedSpace space, ColumnStats stats, boolean interpolate) {
        this.seeds = seeds;
        this.space = space;
        this.stats = stats;
        this.interpolate = interpolate;
    }

    @Override
    public SyntheticDraft make(int start, Random rnd) {
        if (interpolate && seeds.size() >= 2 && rnd.nextDouble() < INTERPOLATION_SHARE) {
            SyntheticDraft d = interpolate(start, rnd);
            if (d != null) {
                return d;
            }
        }
        return noise(start, rnd);
    }

    private SyntheticDraft interpolate(int start, Random rnd) {
        int[] near = space.nearest(start, NEIGHBOURS);
        if (near.length == 0) {
            return null;
        }
        String label = seeds.get(start).knownOrPredictedLabel();
        List<Integer> across = new ArrayList<>();
        for (int j : near) {
            String other = seeds.get(j).knownOrPredictedLabel();
            if (label != null && other != null && !Objects.equals(label, other)) {
                across.add(j);
            }
        }
        int partner = across.isEmpty() ? near[rnd.nextInt(near.length)] : across.get(rnd.nextInt(across.size()));
        double lambda = LAMBDA_MIN + (LAMBDA_MAX - LAMBDA_MIN) * rnd.nextDouble();
        float[] a = seeds.get(start).values(), b = seeds.get(partner).values();
        float[] x = new float[a.length];
        for (int j = 0; j < a.length; j++) {
            float bj = Float.isNaN(b[j]) ? a[j] : b[j];
            x[j] = stats.fit(j, a[j] + lambda * (bj - a[j]));
        }
        long ida = seeds.get(start).itemId(), idb = seeds.get(partner).itemId();
        return new SyntheticDraft(null, x, List.of(ida, idb), "interpolation",
                String.format(Locale.ROOT, "between #%d and #%d at %.2f", ida, idb, lambda));
    }

    private SyntheticDraft noise(int start, Random rnd) {
        float[] a = seeds.get(start).values();
        float[] x = new float[a.length];
        for (int j = 0; j < a.length; j++) {
            x[j] = stats.fit(j, a[j] + rnd.nextGaussian() * NOISE_SD * stats.sd()[j]);
        }
        long id = seeds.get(start).itemId();
        return new SyntheticDraft(null, x, List.of(id), "noise",
                String.format(Locale.ROOT, "#%d with small random changes (about %.2f sd per feature)", id, NOISE_SD));
    }
}
