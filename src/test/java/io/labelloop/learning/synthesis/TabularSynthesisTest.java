package io.labelloop.learning.synthesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.learning.TaskType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TabularSynthesisTest {

    /** Two classes side by side on a line; #3 and #4 straddle the boundary and the model is unsure there. */
    static List<SynthesisSeed> line() {
        List<SynthesisSeed> seeds = new ArrayList<>();
        float[][] points = {{0.1f, 1.5f}, {1.2f, 2.5f}, {2.3f, 1.0f}, {3.4f, 2.2f}, {4.6f, 1.7f}, {5.7f, 2.9f},
                {6.8f, 1.1f}, {7.9f, 2.4f}};
        for (int i = 0; i < points.length; i++) {
            String label = i < 4 ? "left" : "right";
            double uncertainty = i == 3 || i == 4 ? 0.9 : 0.1;
            seeds.add(new SynthesisSeed(i + 1, null, points[i], label, uncertainty, i % 3 == 0 ? label : null));
        }
        return seeds;
    }

    private static List<SyntheticDraft> drafts(List<SynthesisSeed> seeds, int count, long seed) {
        return Synthesizer.synthesize(TaskType.TABULAR, seeds, new SynthesisOptions(count, seed, false, 0, 0));
    }

    @Test
    void shouldKeepInterpolatedPointsBetweenTheirParents() {
        List<SynthesisSeed> seeds = line();
        Map<Long, float[]> byId = seeds.stream().collect(Collectors.toMap(SynthesisSeed::itemId, SynthesisSeed::values));
        List<SyntheticDraft> interpolations = drafts(seeds, 30, 7).stream()
                .filter(d -> d.method().equals("interpolation")).toList();

        assertThat(interpolations).isNotEmpty();
        for (SyntheticDraft d : interpolations) {
            assertThat(d.derivedFrom()).hasSize(2);
            long a = d.derivedFrom().get(0), b = d.derivedFrom().get(1);
            float[] pa = byId.get(a), pb = byId.get(b);
            double lambda = (d.values()[0] - pa[0]) / (pb[0] - pa[0]);
            assertThat(lambda).isBetween(TabularDrafts.LAMBDA_MIN - 1e-6, TabularDrafts.LAMBDA_MAX + 1e-6);
            assertThat((double) d.values()[1]).isCloseTo(pa[1] + lambda * (pb[1] - pa[1]),
                    org.assertj.core.data.Offset.offset(1e-4));
            assertThat(d.description()).contains("#" + a).contains("#" + b);
        }
    }

    @Test
    void shouldInterpolateTowardsANeighbourWithAnotherLabel() {
        List<SyntheticDraft> fromBoundary = drafts(line(), 40, 3).stream()
                .filter(d -> d.method().equals("interpolation") && d.derivedFrom().get(0) == 4L).toList();

        assertThat(fromBoundary).isNotEmpty();
        assertThat(fromBoundary).allSatisfy(d -> assertThat(d.derivedFrom().get(1)).isGreaterThan(4L));
    }

    @Test
    void shouldKeepNoisyValuesWithinTheObservedRanges() {
        List<SyntheticDraft> noisy = drafts(line(), 60, 11).stream().filter(d -> d.method().equals("noise")).toList();

        assertThat(noisy).isNotEmpty();
        for (SyntheticDraft d : noisy) {
            assertThat(d.derivedFrom()).hasSize(1);
            assertThat(d.values()[0]).isBetween(0.1f, 7.9f);
            assertThat(d.values()[1]).isBetween(1.0f, 2.9f);
        }
    }

    @Test
    void shouldKeepMissingValuesMissingAndWholeNumberColumnsWhole() {
        List<SynthesisSeed> seeds = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            float second = i == 0 ? Float.NaN : i * 0.37f;
            seeds.add(new SynthesisSeed(100 + i, null, new float[]{i % 4, second, 0.21f * i + i % 3}, i < 5 ? "a" : "b",
                    i == 0 ? 1.0 : 0.0, null));
        }

        List<SyntheticDraft> drafts = drafts(seeds, 20, 5);

        assertThat(drafts).filteredOn(d -> d.derivedFrom().get(0) == 100L).isNotEmpty()
                .allSatisfy(d -> assertThat(d.values()[1]).isNaN());
        assertThat(drafts).allSatisfy(d -> assertThat(d.values()[0]).isIn(0f, 1f, 2f, 3f));
    }

    @Test
    void shouldStartAtTheMostUncertainSeed() {
        SyntheticDraft first = drafts(line(), 1, 1).get(0);

        assertThat(first.derivedFrom().get(0)).isIn(4L, 5L);
    }

    @Test
    void shouldStartFarFromLabeledItemsWhenTheModelIsEquallySure() {
        List<SynthesisSeed> seeds = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            seeds.add(new SynthesisSeed(i, null, new float[]{i * 0.1f, 0}, "a", 0.2, i < 5 ? "a" : null));
        }
        seeds.add(new SynthesisSeed(99, null, new float[]{9f, 0}, "a", 0.2, null));

        assertThat(drafts(seeds, 1, 1).get(0).derivedFrom().get(0)).isEqualTo(99L);
    }

    @Test
    void shouldNameOnlySeedsAsParents() {
        List<SynthesisSeed> seeds = line();
        var ids = seeds.stream().map(SynthesisSeed::itemId).collect(Collectors.toSet());

        assertThat(drafts(seeds, 20, 2)).allSatisfy(d -> {
            assertThat(ids).containsAll(d.derivedFrom());
            assertThat(d.text()).isNull();
            assertThat(d.method()).isIn("interpolation", "noise");
            assertThat(d.description()).contains("#" + d.derivedFrom().get(0));
        });
    }

    @Test
    void shouldGiveTheSameDraftsForTheSameRandomSeed() {
        Function<Long, List<String>> run = s -> drafts(line(), 10, s).stream()
                .map(d -> java.util.Arrays.toString(d.values()) + d.derivedFrom() + d.description()).toList();

        assertThat(run.apply(42L)).isEqualTo(run.apply(42L)).isNotEqualTo(run.apply(43L));
    }
}
