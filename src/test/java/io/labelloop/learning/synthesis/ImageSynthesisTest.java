package io.labelloop.learning.synthesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.learning.TaskType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageSynthesisTest {

    /** Twelve 4x4 grey images: a bright bar at a different place each, on black. */
    static List<SynthesisSeed> images() {
        List<SynthesisSeed> seeds = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            float[] px = new float[16];
            for (int r = 0; r < 4; r++) {
                px[r * 4 + i % 4] = 0.5f + 0.04f * i;
            }
            px[(i / 4) * 4 + (i + 1) % 4] = 0.3f;
            seeds.add(new SynthesisSeed(i, null, px, i % 2 == 0 ? "even" : "odd", i / 12.0, null));
        }
        return seeds;
    }

    private static List<SyntheticDraft> drafts(int count, boolean flips) {
        return Synthesizer.synthesize(TaskType.IMAGE, images(), new SynthesisOptions(count, 9, flips, 4, 4));
    }

    @Test
    void shouldKeepImageSizeAndGreyRangeAfterEveryEdit() {
        List<SyntheticDraft> drafts = drafts(60, true);

        assertThat(drafts).hasSize(60).allSatisfy(d -> {
            assertThat(d.values()).hasSize(16);
            for (float v : d.values()) {
                assertThat(v).isBetween(0f, 1f);
            }
            assertThat(d.derivedFrom()).hasSize(1);
            assertThat(d.description()).startsWith("#" + d.derivedFrom().get(0) + " ");
        });
        assertThat(drafts).extracting(SyntheticDraft::method).allSatisfy(m -> assertThat(m.split("\\+"))
                .allSatisfy(part -> assertThat(part).isIn("brightness", "contrast", "shift", "rotation", "flip")));
    }

    @Test
    void shouldFlipOnlyWhenTheProjectAllowsIt() {
        assertThat(drafts(60, false)).extracting(SyntheticDraft::method).noneMatch(m -> m.contains("flip"));
        assertThat(drafts(60, true)).extracting(SyntheticDraft::method).anyMatch(m -> m.contains("flip"));
    }

    @Test
    void shouldMirrorEachRowWhenFlipping() {
        float[] img = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f};

        assertThat(PixelTransforms.flip(img, 3, 2)).containsExactly(0.3f, 0.2f, 0.1f, 0.6f, 0.5f, 0.4f);
    }

    @Test
    void shouldMoveContentByWholePixelsAndFillWithTheBackground() {
        float[] img = {0, 0, 0, 0, 1, 0, 0, 0, 0};

        assertThat(PixelTransforms.shift(img, 3, 3, 1, -1)).containsExactly(0, 0, 1, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void shouldRotateAboutTheCentre() {
        float[] img = {0, 0, 1, 0, 0, 0, 0, 0, 0};

        assertThat(PixelTransforms.rotate(img, 3, 3, 90)[0]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(PixelTransforms.rotate(img, 3, 3, 0)).containsExactly(img);
    }

    @Test
    void shouldClipBrightnessAndContrastToTheGreyRange() {
        float[] img = {0f, 0.5f, 0.95f};

        assertThat(PixelTransforms.brightness(img, 0.1)).containsExactly(0.1f, 0.6f, 1f);
        // mean 0.48333: 0 -> -0.483 (clipped to 0), 0.5 -> 0.51667, 0.95 -> 1.41667 (clipped to 1)
        assertThat(PixelTransforms.contrast(img, 2.0)).containsExactly(new float[]{0f, 0.51667f, 1f},
                org.assertj.core.data.Offset.offset(1e-4f));
    }
}
