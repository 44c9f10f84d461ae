package io.labelloop.learning.synthesis;

import io.labelloop.learning.TaskType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Rejects drafts that would add nothing: a TEXT draft equal to a seed or an earlier draft once lower-cased and
 * with white space folded; a TABULAR or IMAGE draft whose root-mean-square difference to a seed or an earlier
 * draft is below {@value #MIN_RMS_DIFFERENCE} (in standard deviations per feature for TABULAR, in grey levels
 * of [0, 1] for IMAGE). Candidates are screened in the short {@link SeedSpace} vectors and confirmed on the
 * full values.
 */
final class NearDuplicates {
    static final double MIN_RMS_DIFFERENCE = 0.02;
    private static final double SCREEN_FACTOR = 4;
    private final SeedSpace space;
    private final Set<String> texts = new HashSet<>();
    private final List<float[]> points = new ArrayList<>();
    private final List<float[]> comparables = new ArrayList<>();

    NearDuplicates(TaskType task, List<SynthesisSeed> seeds, SeedSpace space) {
        this.space = space;
        for (int i = 0; i < seeds.size(); i++) {
            SynthesisSeed s = seeds.get(i);
            if (task == TaskType.TEXT) {
                texts.add(normalised(s.text()));
            } else {
                points.add(space.point(i));
                comparables.add(space.comparable(s.values()));
            }
        }
    }

    /** Records the draft and returns true unless it nearly duplicates a seed or an earlier draft. */
    boolean addIfNew(SyntheticDraft draft) {
        if (draft.text() != null) {
            return texts.add(normalised(draft.text()));
        }
        float[] point = space.embed(draft.values());
        float[] comparable = space.comparable(draft.values());
        double limit = MIN_RMS_DIFFERENCE * MIN_RMS_DIFFERENCE * comparable.length;
        for (int i = 0; i < points.size(); i++) {
            if (SeedSpace.squaredDistance(point, points.get(i)) < SCREEN_FACTOR * limit
                    && SeedSpace.squaredDistance(comparable, comparables.get(i)) < limit) {
                return false;
            }
        }
        points.add(point);
        comparables.add(comparable);
        return true;
    }

    static String normalised(String text) {
        return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
