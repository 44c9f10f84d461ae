package io.labelloop.item.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * One row in PostgreSQL's COPY text format, encoded straight to UTF-8 bytes in a reusable buffer
 * so that the same bytes can go to the database and to a spool file without encoding twice. The
 * item module's one COPY encoder (upload staging and the vector backfill).
 */
public final class CopyTextRow {

    private static final byte[] HEX = "0123456789abcdef".getBytes();

    private byte[] buf = new byte[1 << 13];
    private int len;
    private boolean first = true;

    public void reset() {
        len = 0;
        first = true;
    }

    public CopyTextRow number(long v) {
        separator();
        ascii(Long.toString(v));
        return this;
    }

    public CopyTextRow bool(boolean v) {
        separator();
        put((byte) (v ? 't' : 'f'));
        return this;
    }

    public CopyTextRow text(String s) {
        separator();
        if (s == null) {
            nullValue();
            return this;
        }
        ensure(s.length() * 3 + 2);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '\\' -> escape('\\');
                    case '\n' -> escape('n');
                    case '\r' -> escape('r');
                    case '\t' -> escape('t');
                    default -> buf[len++] = (byte) c;
                }
            } else if (c < 0x800) {
                buf[len++] = (byte) (0xC0 | (c >> 6));
                buf[len++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                ensure(4);
                buf[len++] = (byte) (0xF0 | (cp >> 18));
                buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buf[len++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                buf[len++] = '?'; // an unpaired surrogate cannot be encoded
            } else {
                buf[len++] = (byte) (0xE0 | (c >> 12));
                buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[len++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return this;
    }

    public CopyTextRow bytea(byte[] b) {
        separator();
        if (b == null) {
            nullValue();
            return this;
        }
        ensure(3 + 2 * b.length);
        buf[len++] = '\\';
        buf[len++] = '\\';
        buf[len++] = 'x';
        for (byte x : b) {
            buf[len++] = HEX[(x >> 4) & 0xF];
            buf[len++] = HEX[x & 0xF];
        }
        return this;
    }

    /** Ends the row; it can then be written to any number of targets. */
    public CopyTextRow end() {
        put((byte) '\n');
        return this;
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, len);
    }

    private void separator() {
        if (!first) {
            put((byte) '\t');
        }
        first = false;
    }

    private void nullValue() {
        ensure(2);
        buf[len++] = '\\';
        buf[len++] = 'N';
    }

    private void escape(char c) {
        buf[len++] = '\\';
        buf[len++] = (byte) c;
    }

    private void ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    private void put(byte b) {
        ensure(1);
        buf[len++] = b;
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }
}
