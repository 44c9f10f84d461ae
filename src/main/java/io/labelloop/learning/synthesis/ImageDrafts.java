package io.labelloop.learning.synthesis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * IMAGE drafts: one label-preserving edit of the start's grey pixels (see {@link PixelTransforms}), and with
 * probability {@value #SECOND_EDIT} a second, different one on top (the "+"-joined method then names both).
 * Edits and their ranges (uniform, small enough that a person still reads the same thing):
 * brightness delta in +-[{@value #MIN_DELTA}, {@value #MAX_DELTA}]; contrast factor in [0.7, 0.9] or [1.1, 1.4];
 * shift by up to max(1, min(3, round(min(w, h) / 10))) pixels on each axis, not both 0; rotation by
 * +-[{@value #MIN_DEGREES}, {@value #MAX_DEGREES}] degrees; left-right flip only when the options allow flips.
 */
final class ImageDrafts implements DraftMaker {
    static final double SECOND_EDIT = 0.3;
    static final double MIN_DELTA = 0.05, MAX_DELTA = 0.2;
    static final double MIN_DEGREES = 5, MAX_DEGREES = 15;
    private final List<SynthesisSeed> seeds;
    private final int w, h;
    private final List<String> kinds = new ArrayList<>(List.of("brightness", "contrast", "shift", "rotation"));

    ImageDrafts(List<SynthesisSeed> seeds, SynthesisOptions options) {
        this.seeds = seeds;
        this.w = options.imageWidth();
        this.h = options.imageHeight();
        if (options.allowFlips()) {
            kinds.add("flip");
        }
    }

    @Override
    public SyntheticDraft make(int start, Random rnd) {
        SynthesisSeed seed = seeds.get(start);
        String first = kinds.get(rnd.nextInt(kinds.size()));
        List<String> applied = new ArrayList<>(List.of(first));
        if (rnd.nextDouble() < SECOND_EDIT) {
            String second = kinds.get(rnd.nextInt(kinds.size()));
            if (!second.equals(first)) {
                applied.add(second);
            }
        }
        float[] img = seed.values();
        List<String> said = new ArrayList<>();
        for (String kind : applied) {
            img = apply(kind, img, rnd, said);
        }
        return new SyntheticDraft(null, img, List.of(seed.itemId()), String.join("+", applied),
                "#" + seed.itemId() + " " + String.join(", ", said));
    }

    private float[] apply(String kind, float[] img, Random rnd, List<String> said) {
        switch (kind) {
            case "brightness" -> {
                double delta = signed(rnd, MIN_DELTA, MAX_DELTA);
                said.add(String.format(Locale.ROOT, "brightness %+.2f", delta));
                return PixelTransforms.brightness(img, delta);
            }
            case "contrast" -> {
                double f = rnd.nextBoolean() ? 0.7 + 0.2 * rnd.nextDouble() : 1.1 + 0.3 * rnd.nextDouble();
                said.add(String.format(Locale.ROOT, "contrast x%.2f", f));
                return PixelTransforms.contrast(img, f);
            }
            case "shift" -> {
                int max = Math.max(1, Math.min(3, Math.round(Math.min(w, h) / 10f)));
                int dx, dy;
                do {
                    dx = rnd.nextInt(2 * max + 1) - max;
                    dy = rnd.nextInt(2 * max + 1) - max;
                } while (dx == 0 && dy == 0);
                said.add(String.format(Locale.ROOT, "shifted %d px %s, %d px %s", Math.abs(dx), dx >= 0 ? "right" : "left",
                        Math.abs(dy), dy >= 0 ? "down" : "up"));
                return PixelTransforms.shift(img, w, h, dx, dy);
            }
            case "rotation" -> {
                double deg = signed(rnd, MIN_DEGREES, MAX_DEGREES);
                said.add(String.format(Locale.ROOT, "rotated %+.0f degrees", deg));
                return PixelTransforms.rotate(img, w, h, deg);
            }
            default -> {
                said.add("mirrored left-right");
                return PixelTransforms.flip(img, w, h);
            }
        }
    }

    private static double signed(Random rnd, double min, double max) {
        double v = min + (max - min) * rnd.nextDouble();
        return rnd.nextBoolean() ? v : -v;
    }
}
