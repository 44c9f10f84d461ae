package io.labelloop.learning;

import io.labelloop.learning.encoding.GreyImageDecoder;
import io.labelloop.learning.encoding.ItemCodec;
import io.labelloop.learning.encoding.TermCounts;
import io.labelloop.learning.encoding.TextHasher;

/**
 * Upload-time encoding of raw items into compact, model-independent bytes (store them per item).
 * Deterministic and cheap; tokenising and image decoding happen here only, never while scoring.
 * <ul>
 *   <li>text: sorted hashed term ids (word unigrams, bigrams, character 3-grams) with counts, varint-packed;</li>
 *   <li>numeric features and pixel features: float32 values, NaN for missing;</li>
 *   <li>images (PNG/JPEG): {@value #IMAGE_SIDE}x{@value #IMAGE_SIDE} grey levels, one byte each.</li>
 * </ul>
 */
public final class ItemEncoder {
    /** Side of the square grey image that encoded images are resized to. */
    public static final int IMAGE_SIDE = 28;

    private ItemEncoder() {
    }

    /** Encodes a text as hashed term counts. */
    public static byte[] encodeText(String text) {
        return ItemCodec.writeTerms(TextHasher.hash(text));
    }

    /** Encodes numeric (tabular) features; use {@link Float#NaN} for a missing value. */
    public static byte[] encodeNumeric(float[] values) {
        return ItemCodec.writeFloats(values);
    }

    /** Encodes given pixel features (e.g. grey levels of a digit) as they are. */
    public static byte[] encodePixels(float[] pixels) {
        return ItemCodec.writeFloats(pixels);
    }

    /** Decodes a PNG or JPEG and encodes it as {@value #IMAGE_SIDE}x{@value #IMAGE_SIDE} grey levels. */
    public static byte[] encodeImage(byte[] pngOrJpeg) {
        return ItemCodec.writeGrey(IMAGE_SIDE, IMAGE_SIDE, GreyImageDecoder.decode(pngOrJpeg, IMAGE_SIDE));
    }

    /**
     * An encoded text with its sentence embedding (int8 components, component i = {@code embedding[i] * scale}),
     * which the EMBEDDINGS and BOTH representations read; every reader of the terms reads it as the text alone.
     */
    public static byte[] withEmbedding(byte[] encodedText, byte[] embedding, float scale) {
        return ItemCodec.withEmbedding(encodedText, embedding, scale);
    }

    /** Whether an encoded item carries a sentence embedding. */
    public static boolean hasEmbedding(byte[] encoded) {
        return ItemCodec.hasEmbedding(encoded);
    }

    /** Decodes what one of the {@code encode} methods produced. */
    public static DecodedItem decode(byte[] encoded) {
        if (encoded.length > 0 && (encoded[0] == ItemCodec.TERMS || encoded[0] == ItemCodec.EMBEDDED_TERMS)) {
            TermCounts t = ItemCodec.readTerms(encoded);
            return new DecodedItem(t.ids(), t.counts(), null);
        }
        return new DecodedItem(null, null, ItemCodec.readValues(encoded));
    }

    /**
     * A decoded item: either hashed term ids with counts (text) or values (numeric, pixels, grey levels).
     *
     * @param termIds   sorted hashed term ids, or null
     * @param termCounts counts of {@code termIds}, or null
     * @param values    numeric values, or null
     */
    public record DecodedItem(int[] termIds, int[] termCounts, float[] values) {
        /** True when this is a text item. */
        public boolean isText() {
            return termIds != null;
        }
    }
}
