package io.labelloop.item.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one codec of stored feature vectors: float32 little-endian, NaN for a missing value, in the
 * project's feature order. Upload and stream pack with it; vectors, items and exports read with it.
 */
public final class FeatureVectors {

    private FeatureVectors() {
    }

    /** The packed vector as floats (NaN for missing); null stays null. */
    public static float[] unpack(byte[] packed) {
        if (packed == null) {
            return null;
        }
        var floats = ByteBuffer.wrap(packed).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] out = new float[floats.limit()];
        floats.get(out);
        return out;
    }

    /** The packed vector padded with NaN (missing) to at least {@code width} values, e.g. the project's current feature count. */
    public static float[] unpack(byte[] packed, int width) {
        float[] values = new float[Math.max(width, packed == null ? 0 : packed.length / Float.BYTES)];
        Arrays.fill(values, Float.NaN);
        if (packed != null) {
            ByteBuffer.wrap(packed).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values, 0, packed.length / Float.BYTES);
        }
        return values;
    }

    /** Floats packed as stored (float32 little-endian). */
    public static byte[] pack(float[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        return buf.array();
    }

    public static Map<String, Float> named(byte[] packed, List<String> names) {
        if (packed == null) {
            return null;
        }
        float[] floats = unpack(packed);
        Map<String, Float> out = new LinkedHashMap<>();
        for (int i = 0; i < floats.length && i < names.size(); i++) {
            float v = floats[i];
            if (!Float.isNaN(v)) {
                out.put(names.get(i), v);
            }
        }
        return out;
    }
}
