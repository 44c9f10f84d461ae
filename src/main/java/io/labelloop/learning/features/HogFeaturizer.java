package io.labelloop.learning.features;

import io.labelloop.learning.FeaturizerParameters;
import io.labelloop.learning.encoding.ItemCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Histograms of oriented gradients of a square grey image (Dalal &amp; Triggs 2005): centred-difference
 * gradients, {@value #BINS} unsigned orientation bins per cell (each pixel votes its gradient magnitude,
 * split between the two nearest bins), blocks of 2x2 cells with a stride of one cell, each normalised
 * with L2-Hys (L2, clip at {@value #CLIP}, L2 again). Cells are 4 pixels wide on 28x28 images and 2 on
 * 8x8 digit features. Unlike raw pixels the features do not move when a stroke shifts by a pixel or
 * the contrast changes, which is what a linear head on few labels needs.
 */
public final class HogFeaturizer implements Featurizer {
    public static final int BINS = 9;
    private static final float CLIP = 0.2f;
    private final int side;
    private final int cell;
    private final int cells;
    private final ThreadLocal<float[][]> scratch;

    private HogFeaturizer(int side, int cell) {
        this.side = side;
        this.cell = cell;
        this.cells = side / cell;
        this.scratch = ThreadLocal.withInitial(() -> new float[][]{new float[side * side],
                new float[cells * cells * BINS]});
    }

    /** True when the encoded item is a square image of at least 8x8 (HOG applies). */
    public static boolean applies(byte[] encoded) {
        int side = side(encoded);
        return side >= 8;
    }

    public static HogFeaturizer fit(List<byte[]> encodedItems) {
        int side = side(encodedItems.getFirst());
        if (side < 8) {
            throw new IllegalArgumentException("HOG needs square images of at least 8x8 pixels");
        }
        return new HogFeaturizer(side, side >= 16 ? side / 7 : 2);
    }

    private static int side(byte[] encoded) {
        if (encoded.length == 0) {
            return -1;
        }
        if (encoded[0] == ItemCodec.GREY) {
            ItemCodec.ByteCursor c = new ItemCodec.ByteCursor(encoded, ItemCodec.GREY);
            int w = c.varint(), h = c.varint();
            return w == h ? w : -1;
        }
        if (encoded[0] == ItemCodec.FLOATS) {
            int n = new ItemCodec.ByteCursor(encoded, ItemCodec.FLOATS).varint();
            int s = (int) Math.round(Math.sqrt(n));
            return s * s == n ? s : -1;
        }
        return -1;
    }

    @Override
    public long approximateBytes() {
        return 64; // no fitted arrays; the per-thread scratch is not part of the model
    }

    @Override
    public int dimension() {
        return (cells - 1) * (cells - 1) * 4 * BINS;
    }

    /** HOG has nothing fitted but the image geometry: the same geometry gives the same columns (a warm start). */
    @Override
    public int[] columnsIn(Featurizer earlier) {
        return earlier instanceof HogFeaturizer h && h.side == side && h.cell == cell
                ? java.util.stream.IntStream.range(0, dimension()).toArray() : null;
    }

    @Override
    public long operationsPerItem() {
        return 12L * side * side + 2L * dimension();
    }

    @Override
    public void featurize(byte[] encoded, FeatureBuffer out) {
        float[][] s = scratch.get();
        float[] img = s[0], hist = s[1];
        readImage(encoded, img);
        Arrays.fill(hist, 0f);
        cellHistograms(img, hist);
        out.clearDense(dimension());
        int o = 0;
        for (int by = 0; by < cells - 1; by++) {
            for (int bx = 0; bx < cells - 1; bx++) {
                int start = o;
                for (int cy = by; cy < by + 2; cy++) {
                    for (int cx = bx; cx < bx + 2; cx++) {
                        System.arraycopy(hist, (cy * cells + cx) * BINS, out.values, o, BINS);
                        o += BINS;
                    }
                }
                normaliseBlock(out.values, start, o);
            }
        }
    }

    private void readImage(byte[] encoded, float[] img) {
        if (side(encoded) != side) {
            throw new IllegalArgumentException("expected a " + side + "x" + side + " image");
        }
        if (encoded[0] == ItemCodec.GREY) {
            ItemCodec.ByteCursor c = new ItemCodec.ByteCursor(encoded, ItemCodec.GREY);
            c.varint();
            c.varint();
            for (int i = 0; i < img.length; i++) {
                img[i] = c.unsignedByte();
            }
        } else {
            ItemCodec.ByteCursor c = new ItemCodec.ByteCursor(encoded, ItemCodec.FLOATS);
            c.varint();
            for (int i = 0; i < img.length; i++) {
                float x = c.float32();
                img[i] = Float.isNaN(x) ? 0f : x;
            }
        }
    }

    private void cellHistograms(float[] img, float[] hist) {
        int used = cells * cell;
        for (int y = 0; y < used; y++) {
            for (int x = 0; x < used; x++) {
                float gx = img[y * side + Math.min(side - 1, x + 1)] - img[y * side + Math.max(0, x - 1)];
                float gy = img[Math.min(side - 1, y + 1) * side + x] - img[Math.max(0, y - 1) * side + x];
                float magnitude = (float) Math.sqrt(gx * gx + gy * gy);
                if (magnitude == 0f) {
                    continue;
                }
                double angle = Math.atan2(gy, gx);
                double position = (angle < 0 ? angle + Math.PI : angle) / Math.PI * BINS - 0.5;
                int low = (int) Math.floor(position);
                float upperShare = (float) (position - low);
                int base = ((y / cell) * cells + x / cell) * BINS;
                hist[base + Math.floorMod(low, BINS)] += magnitude * (1 - upperShare);
                hist[base + Math.floorMod(low + 1, BINS)] += magnitude * upperShare;
            }
        }
    }

    private static void normaliseBlock(float[] v, int from, int to) {
        scaleToUnit(v, from, to);
        for (int i = from; i < to; i++) {
            v[i] = Math.min(v[i], CLIP);
        }
        scaleToUnit(v, from, to);
    }

    private static void scaleToUnit(float[] v, int from, int to) {
        double s = 1e-6;
        for (int i = from; i < to; i++) {
            s += (double) v[i] * v[i];
        }
        float inv = (float) (1 / Math.sqrt(s));
        for (int i = from; i < to; i++) {
            v[i] *= inv;
        }
    }

    @Override
    public FeaturizerParameters parameters() {
        return new FeaturizerParameters.Hog(side, cell, BINS, CLIP, dimension());
    }

    @Override
    public String describe() {
        return "HOG(" + side + "x" + side + ", cells " + cell + "px, " + BINS + " bins, 2x2-cell blocks L2-Hys)";
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
        out.writeInt(side);
        out.writeInt(cell);
    }

    static HogFeaturizer read(DataInputStream in) throws IOException {
        return new HogFeaturizer(in.readInt(), in.readInt());
    }
}
