package io.labelloop.learning.encoding;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Byte layout of encoded items. The first byte is the kind:
 * {@link #TERMS} then varint n and n pairs (varint id delta, varint count);
 * {@link #FLOATS} then varint n and n little-endian float32 values (NaN = missing);
 * {@link #GREY} then varint width, varint height and width*height unsigned grey bytes;
 * {@link #EMBEDDED_TERMS} then varint d, d signed bytes and a little-endian float32 scale (a sentence embedding,
 * value i = byte i * scale), then what follows the kind byte of {@link #TERMS}: a text with its embedding, read as
 * terms by every reader of terms.
 */
public final class ItemCodec {
    public static final byte TERMS = 1;
    public static final byte FLOATS = 2;
    public static final byte GREY = 3;
    public static final byte EMBEDDED_TERMS = 4;

    private ItemCodec() {
    }

    public static byte[] writeTerms(TermCounts terms) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8 + terms.size() * 4);
        out.write(TERMS);
        writeVarint(out, terms.size());
        int prev = 0;
        for (int i = 0; i < terms.size(); i++) {
            writeVarint(out, terms.ids()[i] - prev);
            writeVarint(out, terms.counts()[i]);
            prev = terms.ids()[i];
        }
        return out.toByteArray();
    }

    /**
     * A text's terms ({@link #TERMS} bytes, or {@link #EMBEDDED_TERMS} whose embedding is replaced) with an int8
     * embedding: byte i times {@code scale} is component i.
     */
    public static byte[] withEmbedding(byte[] terms, byte[] embedding, float scale) {
        int start = termsStart(terms);
        ByteArrayOutputStream out = new ByteArrayOutputStream(terms.length + embedding.length + 12);
        out.write(EMBEDDED_TERMS);
        writeVarint(out, embedding.length);
        out.write(embedding, 0, embedding.length);
        int bits = Float.floatToIntBits(scale);
        for (int k = 0; k < 4; k++) {
            out.write(bits >>> (8 * k) & 0xff);
        }
        out.write(terms, start, terms.length - start);
        return out.toByteArray();
    }

    /** The {@link #TERMS} bytes of a text item (the item itself when it carries no embedding). */
    public static byte[] termsOnly(byte[] b) {
        if (b.length == 0 || b[0] != EMBEDDED_TERMS) {
            return b;
        }
        int start = termsStart(b);
        byte[] out = new byte[b.length - start + 1];
        out[0] = TERMS;
        System.arraycopy(b, start, out, 1, b.length - start);
        return out;
    }

    /** Whether the item is a text with its sentence embedding. */
    public static boolean hasEmbedding(byte[] b) {
        return b.length > 0 && b[0] == EMBEDDED_TERMS;
    }

    /** Dimensions of the item's embedding, 0 when it has none. */
    public static int embeddingDimensions(byte[] b) {
        return hasEmbedding(b) ? (int) varintAt(b, 1) : 0;
    }

    /**
     * Writes the item's embedding into {@code out} (its first {@code out.length} components; zeros where it has
     * none or fewer) and returns its dimensions (0: none).
     */
    public static int readEmbedding(byte[] b, float[] out) {
        if (!hasEmbedding(b)) {
            java.util.Arrays.fill(out, 0f);
            return 0;
        }
        long v = varintAt(b, 1);
        int d = (int) v;
        int pos = (int) (v >>> 32);
        int at = pos + d;
        float scale = Float.intBitsToFloat((b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16
                | (b[at + 3] & 0xff) << 24);
        int n = Math.min(d, out.length);
        for (int i = 0; i < n; i++) {
            out[i] = b[pos + i] * scale;
        }
        java.util.Arrays.fill(out, n, out.length, 0f);
        return d;
    }

    /** Position of the varint term count of a {@link #TERMS} or {@link #EMBEDDED_TERMS} item. */
    private static int termsStart(byte[] b) {
        if (b.length > 0 && b[0] == EMBEDDED_TERMS) {
            long v = varintAt(b, 1);
            return (int) (v >>> 32) + (int) v + 4;
        }
        if (b.length == 0 || b[0] != TERMS) {
            throw new IllegalArgumentException("not a text item: kind " + (b.length == 0 ? "empty" : b[0]));
        }
        return 1;
    }

    public static byte[] writeFloats(float[] values) {
        ByteArrayOutputStream head = new ByteArrayOutputStream(8);
        head.write(FLOATS);
        writeVarint(head, values.length);
        ByteBuffer buf = ByteBuffer.allocate(head.size() + values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(head.toByteArray());
        for (float v : values) {
            buf.putFloat(v);
        }
        return buf.array();
    }

    public static byte[] writeGrey(int width, int height, byte[] pixels) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(pixels.length + 8);
        out.write(GREY);
        writeVarint(out, width);
        writeVarint(out, height);
        out.write(pixels, 0, pixels.length);
        return out.toByteArray();
    }

    public static TermCounts readTerms(byte[] b) {
        ByteCursor c = new ByteCursor(b, TERMS);
        int n = c.varint();
        int[] ids = new int[n];
        int[] counts = new int[n];
        int id = 0;
        for (int i = 0; i < n; i++) {
            id += c.varint();
            ids[i] = id;
            counts[i] = c.varint();
        }
        return new TermCounts(ids, counts);
    }

    /** Values of a FLOATS item, or grey levels 0..255 of a GREY item. */
    public static float[] readValues(byte[] b) {
        if (b[0] == GREY) {
            ByteCursor c = new ByteCursor(b, GREY);
            int n = c.varint() * c.varint();
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = b[c.pos + i] & 0xff;
            }
            return v;
        }
        ByteCursor c = new ByteCursor(b, FLOATS);
        int n = c.varint();
        float[] v = new float[n];
        ByteBuffer buf = ByteBuffer.wrap(b, c.pos, n * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            v[i] = buf.getFloat();
        }
        return v;
    }

    /**
     * Values of a FLOATS item as {@code width} values: NaN (missing) for columns the item lacks, which
     * happens to items stored before their project's features widened; columns beyond it are dropped.
     */
    public static float[] readValues(byte[] b, int width) {
        float[] v = readValues(b);
        if (v.length == width) {
            return v;
        }
        float[] out = new float[width];
        java.util.Arrays.fill(out, Float.NaN);
        System.arraycopy(v, 0, out, 0, Math.min(width, v.length));
        return out;
    }

    /** The number of values of the widest of the items (0 for none). */
    public static int maxWidth(Iterable<byte[]> items) {
        int width = 0;
        for (byte[] b : items) {
            int n = b[0] == GREY ? readValues(b).length : new ByteCursor(b, FLOATS).varint();
            width = Math.max(width, n);
        }
        return width;
    }

    static void writeVarint(ByteArrayOutputStream out, int value) {
        int v = value;
        while ((v & ~0x7f) != 0) {
            out.write((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }

    /**
     * The varint at {@code pos} of {@code b}, packed as (position after it) &lt;&lt; 32 | value: lets a hot decoding
     * loop keep its position in a local variable instead of a cursor object's field.
     */
    public static long varintAt(byte[] b, int pos) {
        int x = b[pos++];
        if (x >= 0) {
            return (long) pos << 32 | x;
        }
        int result = x & 0x7f;
        for (int shift = 7; ; shift += 7) {
            x = b[pos++];
            result |= (x & 0x7f) << shift;
            if (x >= 0) {
                return (long) pos << 32 | (result & 0xffffffffL);
            }
        }
    }

    /** A read position in an encoded item; used by featurizers to stream without allocation. */
    public static final class ByteCursor {
        private final byte[] b;
        public int pos;

        public ByteCursor(byte[] b, byte expectedKind) {
            if (expectedKind == TERMS && b.length > 0 && b[0] == EMBEDDED_TERMS) {
                this.b = b;
                this.pos = termsStart(b);
                return;
            }
            if (b.length == 0 || b[0] != expectedKind) {
                throw new IllegalArgumentException("encoded item kind " + (b.length == 0 ? "empty" : b[0])
                        + ", expected " + expectedKind);
            }
            this.b = b;
            this.pos = 1;
        }

        public int varint() {
            int result = 0;
            int shift = 0;
            while (true) {
                byte x = b[pos++];
                result |= (x & 0x7f) << shift;
                if (x >= 0) {
                    return result;
                }
                shift += 7;
            }
        }

        public float float32() {
            int bits = (b[pos] & 0xff) | (b[pos + 1] & 0xff) << 8 | (b[pos + 2] & 0xff) << 16 | (b[pos + 3] & 0xff) << 24;
            pos += 4;
            return Float.intBitsToFloat(bits);
        }

        public int unsignedByte() {
            return b[pos++] & 0xff;
        }
    }
}
