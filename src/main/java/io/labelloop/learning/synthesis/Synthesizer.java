package io.labelloop.learning.synthesis;

import io.labelloop.learning.TaskType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Membership query synthesis (Angluin 1988; for active learning see Settles 2009, section 2.1): makes new items
 * from real ones where the model is unsure or where few items are labeled, for a person to label.
 * <p>Starting points are ranked by {@link StartingPoints} (uncertainty plus distance to the nearest human-labeled
 * seed). Each draft starts at the next-ranked seed and is made by the task's method:
 * TABULAR interpolation towards a near neighbour or small noise ({@link TabularDrafts}); IMAGE brightness,
 * contrast, shift, rotation and, if allowed, flip ({@link ImageDrafts}); TEXT word swaps, deletions and
 * replacements from the project's vocabulary ({@link TextDrafts}). A draft that nearly duplicates a seed or an
 * earlier draft ({@link NearDuplicates}) is dropped and the next start is tried, at most
 * {@value #ATTEMPTS_PER_DRAFT} x count + {@value #EXTRA_ATTEMPTS} times.
 * <p>Work: O(n d) to prepare n seeds of width d, O(n 32) per attempt (neighbours, duplicates), fine for 5,000
 * seeds and a few hundred drafts.
 */
public final class Synthesizer {
    static final int ATTEMPTS_PER_DRAFT = 4;
    static final int EXTRA_ATTEMPTS = 16;

    private Synthesizer() {
    }

    /**
     * Picks starting points among the seeds (near the decision boundary: high uncertainty; and under-covered
     * regions: far from human-labeled seeds) and makes up to {@code options.count()} drafts, deterministic for a
     * given {@code options.randomSeed()}. Never returns a draft identical or nearly identical to a seed or to
     * another draft.
     *
     * @throws IllegalArgumentException when a seed's payload does not fit the task type or IMAGE seeds differ
     *                                  in width or from imageWidth x imageHeight (narrower TABULAR seeds
     *                                  read the columns they lack as missing)
     */
    public static List<SyntheticDraft> synthesize(TaskType taskType, List<SynthesisSeed> seeds,
                                                  SynthesisOptions options) {
        return make(taskType, seeds, options, true);
    }

    /**
     * Label-preserving copies for training (optional per project): up to {@code options.count()} drafts, each from
     * one human-labeled seed taken in turn (IMAGE edits, TABULAR noise, TEXT word edits; never interpolation), so
     * each copy may be trained on with its parent's label at no labeling cost. In the synthesis benchmark
     * ({@code docs/synthesis.md}) one noisy copy per labeled item raised AUBC on tabular data (clearly on
     * satellite, soybean, vehicle and credit_data, never clearly lower; Gaussian input noise acts as a regulariser,
     * Bishop 1995) but lowered it on 8x8 digit images, where a one-pixel shift or a rotation is a large change:
     * turn it on for TABULAR projects, leave it off for IMAGE. TEXT copies were not benchmarked. Same guarantees
     * as {@link #synthesize}.
     */
    public static List<SyntheticDraft> labelPreservingCopies(TaskType taskType, List<SynthesisSeed> labeledSeeds,
                                                             SynthesisOptions options) {
        return make(taskType, labeledSeeds.stream().filter(s -> s.humanLabel() != null).toList(), options, false);
    }

    private static List<SyntheticDraft> make(TaskType taskType, List<SynthesisSeed> seeds, SynthesisOptions options,
                                             boolean query) {
        seeds = taskType == TaskType.TABULAR ? padded(seeds) : seeds;
        check(taskType, seeds, options);
        if (seeds.isEmpty() || options.count() == 0) {
            return List.of();
        }
        List<SynthesisSeed> all = List.copyOf(seeds);
        ColumnStats stats = taskType == TaskType.TEXT ? null : ColumnStats.of(all);
        SeedSpace space = new SeedSpace(taskType, all, stats);
        DraftMaker maker = switch (taskType) {
            case TABULAR -> new TabularDrafts(all, space, stats, query);
            case IMAGE -> new ImageDrafts(all, options);
            case TEXT -> new TextDrafts(all);
        };
        Random rnd = new Random(options.randomSeed());
        int[] order = query ? StartingPoints.rank(all, space, rnd) : java.util.stream.IntStream.range(0, all.size()).toArray();
        NearDuplicates seen = new NearDuplicates(taskType, all, space);
        List<SyntheticDraft> drafts = new ArrayList<>();
        int attempts = ATTEMPTS_PER_DRAFT * options.count() + EXTRA_ATTEMPTS;
        for (int a = 0; a < attempts && drafts.size() < options.count(); a++) {
            SyntheticDraft d = maker.make(order[a % order.length], rnd);
            if (d != null && seen.addIfNew(d)) {
                drafts.add(d);
            }
        }
        return drafts;
    }

    /**
     * TABULAR seeds as wide as the widest: items stored before the project's features widened lack the new
     * columns, which count as missing (NaN).
     */
    private static List<SynthesisSeed> padded(List<SynthesisSeed> seeds) {
        int width = seeds.stream().filter(s -> s.values() != null).mapToInt(s -> s.values().length).max().orElse(0);
        return seeds.stream().map(s -> s.values() == null || s.values().length == width ? s
                : new SynthesisSeed(s.itemId(), s.text(), widened(s.values(), width), s.predictedLabel(), s.uncertainty(),
                        s.humanLabel())).toList();
    }

    private static float[] widened(float[] values, int width) {
        float[] out = java.util.Arrays.copyOf(values, width);
        java.util.Arrays.fill(out, values.length, width, Float.NaN);
        return out;
    }

    private static void check(TaskType task, List<SynthesisSeed> seeds, SynthesisOptions options) {
        int width = -1;
        for (SynthesisSeed s : seeds) {
            if ((task == TaskType.TEXT) != (s.text() != null)) {
                throw new IllegalArgumentException("seed #" + s.itemId() + " does not carry a " + task + " payload");
            }
            if (s.values() != null) {
                if (width >= 0 && s.values().length != width) {
                    throw new IllegalArgumentException("seed #" + s.itemId() + " has " + s.values().length
                            + " values, others " + width);
                }
                width = s.values().length;
            }
        }
        if (task == TaskType.IMAGE && width >= 0 && width != options.imageWidth() * options.imageHeight()) {
            throw new IllegalArgumentException("images have " + width + " pixels, not " + options.imageWidth() + " x "
                    + options.imageHeight());
        }
    }
}
