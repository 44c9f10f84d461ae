package io.labelloop.learning.synthesis;

/**
 * How many items {@link Synthesizer} makes and how.
 *
 * @param count       the most drafts to make (fewer when the seeds do not allow that many distinct ones)
 * @param randomSeed  seed of every random choice; the same seeds and options give the same drafts
 * @param allowFlips  IMAGE: whether a left-right mirror keeps the label (true for most photos, false for digits
 *                    and text)
 * @param imageWidth  IMAGE: width of the grey pixel grid; 0 for other task types
 * @param imageHeight IMAGE: height of the grey pixel grid; 0 for other task types
 */
public record SynthesisOptions(int count, long randomSeed, boolean allowFlips, int imageWidth, int imageHeight) {

    public SynthesisOptions {
        if (count < 0 || imageWidth < 0 || imageHeight < 0) {
            throw new IllegalArgumentException("count and image size must not be negative");
        }
    }
}
