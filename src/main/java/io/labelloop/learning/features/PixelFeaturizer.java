package io.labelloop.learning.features;

import io.labelloop.learning.FeaturizerParameters;
import io.labelloop.learning.encoding.ItemCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * Grey-level pixel vector scaled to [0, 1] by the largest level seen while fitting (255 for
 * decoded images, 16 for 8x8 digit features). One column per pixel, row-major.
 */
public final class PixelFeaturizer implements Featurizer {
    private final int pixels;
    private final float scale;

    private PixelFeaturizer(int pixels, float scale) {
        this.pixels = pixels;
        this.scale = scale;
    }

    /** Fits the pixel count and the largest grey level on encoded images or pixel features. */
    public static PixelFeaturizer fit(List<byte[]> encodedItems) {
        float max = 0;
        int n = ItemCodec.maxWidth(encodedItems);
        for (byte[] item : encodedItems) {
            float[] v = ItemCodec.readValues(item);
            for (float x : v) {
                if (!Float.isNaN(x)) {
                    max = Math.max(max, x);
                }
            }
        }
        return new PixelFeaturizer(n, max > 0 ? 1f / max : 1f);
    }

    @Override
    public long approximateBytes() {
        return 16;
    }

    @Override
    public int dimension() {
        return pixels;
    }

    @Override
    public int[] columnsIn(Featurizer earlier) {
        return earlier instanceof PixelFeaturizer p && p.pixels == pixels
                ? java.util.stream.IntStream.range(0, pixels).toArray() : null;
    }

    @Override
    public void featurize(byte[] encoded, FeatureBuffer out) {
        out.clearDense(pixels);
        float[] v = out.values;
        if (encoded[0] == ItemCodec.GREY) {
            ItemCodec.ByteCursor c = new ItemCodec.ByteCursor(encoded, ItemCodec.GREY);
            int n = c.varint() * c.varint();
            checkSize(n);
            for (int j = 0; j < n; j++) {
                v[j] = c.unsignedByte() * scale;
            }
        } else {
            // pixel features: columns an item lacks count as missing (0), columns beyond the fitted ones are dropped
            ItemCodec.ByteCursor c = new ItemCodec.ByteCursor(encoded, ItemCodec.FLOATS);
            int n = Math.min(c.varint(), pixels);
            for (int j = 0; j < n; j++) {
                float x = c.float32();
                v[j] = Float.isNaN(x) ? 0f : x * scale;
            }
            java.util.Arrays.fill(v, n, pixels, 0f);
        }
    }

    private void checkSize(int n) {
        if (n != pixels) {
            throw new IllegalArgumentException("expected " + pixels + " pixels, got " + n);
        }
    }

    @Override
    public FeaturizerParameters parameters() {
        return new FeaturizerParameters.Pixels(pixels, scale);
    }

    @Override
    public String describe() {
        return "pixels(" + pixels + ", scale=1/" + Math.round(1 / scale) + ")";
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
        out.writeInt(pixels);
        out.writeFloat(scale);
    }

    static PixelFeaturizer read(DataInputStream in) throws IOException {
        return new PixelFeaturizer(in.readInt(), in.readFloat());
    }
}
