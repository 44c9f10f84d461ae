package io.labelloop.item.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads packed float32 little-endian feature vectors back into named values (missing ones left out). */
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
        var floats = ByteBuffer.wrap(packed).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        Map<String, Float> out = new LinkedHashMap<>();
        for (int i = 0; i < floats.limit() && i < names.size(); i++) {
            float v = floats.get(i);
            if (!Float.isNaN(v)) {
                out.put(names.get(i), v);
            }
        }
        return out;
    }
}
