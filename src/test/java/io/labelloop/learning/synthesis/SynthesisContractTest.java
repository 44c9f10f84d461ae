package io.labelloop.learning.synthesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.labelloop.learning.TaskType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What holds for every task type: count, no duplicates, clear errors. */
class SynthesisContractTest {

    @Test
    void shouldMakeExactlyTheRequestedCountWhenSeedsAllowIt() {
        var tabular = Synthesizer.synthesize(TaskType.TABULAR, TabularSynthesisTest.line(), options(7));
        var images = Synthesizer.synthesize(TaskType.IMAGE, ImageSynthesisTest.images(), new SynthesisOptions(7, 1,
                false, 4, 4));
        var texts = Synthesizer.synthesize(TaskType.TEXT, TextSynthesisTest.reviews(), options(7));

        assertThat(tabular).hasSize(7);
        assertThat(images).hasSize(7);
        assertThat(texts).hasSize(7);
    }

    @Test
    void shouldMakeNothingForACountOfZeroOrNoSeeds() {
        assertThat(Synthesizer.synthesize(TaskType.TABULAR, TabularSynthesisTest.line(), options(0))).isEmpty();
        assertThat(Synthesizer.synthesize(TaskType.TEXT, List.of(), options(5))).isEmpty();
    }

    @Test
    void shouldMakeFewerRatherThanRepeatWhenSeedsAllowFewDistinctItems() {
        var single = List.of(new SynthesisSeed(1, null, new float[]{1, 2}, null, 0, null));
        var oneWord = List.of(new SynthesisSeed(1, "Hello", null, null, 0, null));

        var tabular = Synthesizer.synthesize(TaskType.TABULAR, single, options(50));
        var text = Synthesizer.synthesize(TaskType.TEXT, oneWord, options(5));

        assertThat(tabular).isEmpty(); // one point has no spread to add noise with, no neighbour to move towards
        assertThat(text).isEmpty(); // one word and no other word in the vocabulary: no edit is possible
    }

    @Test
    void shouldNeverReturnADraftEqualToASeedOrToAnotherDraft() {
        List<SynthesisSeed> seeds = new ArrayList<>();
        for (int i = 0; i < 30; i++) { // six tight clusters: many interpolations land on top of a seed
            float jitter = 0.001f * i;
            seeds.add(new SynthesisSeed(i, null, new float[]{i % 3 + jitter, i % 2 + jitter}, i % 2 == 0 ? "a" : "b",
                    0.5, null));
        }
        ColumnStats stats = ColumnStats.of(seeds);

        List<SyntheticDraft> drafts = Synthesizer.synthesize(TaskType.TABULAR, seeds, options(40));

        assertThat(drafts).isNotEmpty();
        List<float[]> earlier = new ArrayList<>(seeds.stream().map(SynthesisSeed::values).toList());
        for (SyntheticDraft d : drafts) {
            assertThat(earlier).allSatisfy(e -> assertThat(rmsInSd(stats, d.values(), e))
                    .isGreaterThanOrEqualTo(NearDuplicates.MIN_RMS_DIFFERENCE));
            earlier.add(d.values());
        }
    }

    @Test
    void shouldMakeTrainingCopiesOnlyFromHumanLabeledItemsWithoutMixingTwo() {
        List<SynthesisSeed> seeds = TabularSynthesisTest.line();
        var labeledIds = seeds.stream().filter(s -> s.humanLabel() != null).map(SynthesisSeed::itemId).toList();

        List<SyntheticDraft> copies = Synthesizer.labelPreservingCopies(TaskType.TABULAR, seeds, options(6));

        assertThat(copies).hasSize(6).allSatisfy(c -> {
            assertThat(c.derivedFrom()).hasSize(1);
            assertThat(labeledIds).contains(c.derivedFrom().get(0));
            assertThat(c.method()).isEqualTo("noise");
        });
    }

    @Test
    void shouldRejectSeedsThatDoNotFitTheTask() {
        var text = List.of(new SynthesisSeed(1, "a text", null, null, 0, null));
        var images = ImageSynthesisTest.images();

        assertThatThrownBy(() -> Synthesizer.synthesize(TaskType.TABULAR, text, options(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Synthesizer.synthesize(TaskType.IMAGE, images, new SynthesisOptions(1, 1, false, 3, 3)))
                .hasMessageContaining("16 pixels");
        assertThatThrownBy(() -> new SynthesisSeed(1, "both", new float[1], null, 0, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SynthesisSeed(1, "x", null, null, 1.5, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static double rmsInSd(ColumnStats stats, float[] a, float[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double d = (a[j] - b[j]) / stats.sd()[j];
            s += d * d;
        }
        return Math.sqrt(s / a.length);
    }

    private static SynthesisOptions options(int count) {
        return new SynthesisOptions(count, 42, false, 0, 0);
    }
}
