package io.labelloop.shared.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Bodies that are not what they claim to be at the byte level: broken JSON syntax, nesting far
 * beyond any real document, invalid UTF-8, broken CSV and NDJSON, and gzip that is corrupt or
 * expands without end.
 */
final class RawBodies {

    /** 64 MB of zeros, gzipped to about 64 KB: far above the upload limit once expanded. */
    private static final byte[] GZIP_BOMB = gzip(new byte[64 << 20]);

    private static final String[] INVALID_UTF8 = {"\u00c3\u0028", "\u00ff", "\u00fe\u00ff", "\u00c0\u00af",
            "\u00e0\u0080\u00af", "\u00ed\u00a0\u0080", "\u00f8\u0088\u0080\u0080\u0080", "\u00e2\u0082", "\u0080"};

    private RawBodies() {
    }

    /** The JSON text broken in one of the ways clients break it. */
    static byte[] brokenSyntax(Random random, String json) {
        return utf8(switch (random.nextInt(12)) {
            case 0 -> json.substring(0, random.nextInt(Math.max(1, json.length())));
            case 1 -> json + "}}garbage";
            case 2 -> "\uFEFF" + json;
            case 3 -> json.replace('"', '\'');
            case 4 -> json.replaceFirst("}", ",}").replaceFirst("]", ",]");
            case 5 -> "/* comment */" + json;
            case 6 -> json + json;
            case 7 -> "";
            case 8 -> " \n\t ";
            case 9 -> random.nextBoolean() ? "nul" : "NaN";
            case 10 -> json.replaceFirst(":", "::");
            default -> "{\"a\":1,\"a\":2," + json.substring(Math.min(1, json.length()));
        });
    }

    /** Arrays or objects nested {@code depth} deep (e.g. 10,000), closed or not, alone or inside an item. */
    static byte[] deepNesting(Random random) {
        int depth = random.nextBoolean() ? 10_000 : 1_000 + random.nextInt(100_000);
        boolean arrays = random.nextBoolean();
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        String nested = open.repeat(depth) + (arrays ? "" : "1") + (random.nextInt(4) == 0 ? "" : close.repeat(depth));
        return utf8(switch (random.nextInt(3)) {
            case 0 -> nested;
            case 1 -> "[{\"externalId\":\"deep\",\"text\":\"t\",\"metadata\":{\"m\":" + nested + "}}]";
            default -> "{\"externalId\":\"deep\",\"features\":" + nested + "}";
        });
    }

    /** The JSON text with an invalid UTF-8 sequence inside a string value or between tokens. */
    static byte[] invalidUtf8(Random random, String json) {
        String bad = INVALID_UTF8[random.nextInt(INVALID_UTF8.length)];
        int quote = json.indexOf('"', 1 + random.nextInt(Math.max(1, json.length() / 2)));
        int at = quote < 0 ? json.length() : quote;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8(json.substring(0, at)));
        out.writeBytes(bad.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(utf8(json.substring(at)));
        return out.toByteArray();
    }

    /** A CSV upload that is broken: quotes, columns, header, bytes. */
    static byte[] brokenCsv(Random random) {
        String header = random.nextBoolean() ? "externalId,text,label\n" : "externalId,x,y,label\n";
        byte[] body = utf8(switch (random.nextInt(12)) {
            case 0 -> header + "c1,\"unterminated quote,pos\nc2,fine,neg\n";
            case 1 -> header + "c1,too,many,columns,here,pos\n";
            case 2 -> header + "c1\n";
            case 3 -> "";
            case 4 -> header;
            case 5 -> ",,,\n,,,\n";
            case 6 -> "externalId,externalId,text\nc1,c1,t\n";
            case 7 -> header + "c1,\"a\"\"b\"x,pos\n";
            case 8 -> header + "c1,1e400,-1e400,pos\nc2,NaN,Infinity,neg\n";
            case 9 -> "externalId," + "col,".repeat(5000) + "label\nc1," + "1,".repeat(5000) + "pos\n";
            case 10 -> header.replace('\n', '\r') + "c1,t,pos\r";
            default -> header + "c1,\u0000\u0001,pos\n";
        });
        return random.nextInt(4) == 0 ? invalidUtf8(random, new String(body, StandardCharsets.UTF_8)) : body;
    }

    /** An NDJSON upload that is broken: lines that are no JSON object, or no lines at all. */
    static byte[] brokenNdjson(Random random) {
        return utf8(switch (random.nextInt(8)) {
            case 0 -> "{\"externalId\":\"n1\",\"text\":\"t\"\n{\"externalId\":";
            case 1 -> "[1,2,3]\n42\n\"s\"\nnull\n";
            case 2 -> "\n\n\n";
            case 3 -> "{\"externalId\":[\"q\"],\"text\":{}}\n";
            case 4 -> "{\"externalId\":\"n2\",\"features\":" + "[".repeat(5000) + "\n";
            case 5 -> "not json at all\n";
            case 6 -> "{\"externalId\":\"n3\",\"label\":123,\"image\":false,\"metadata\":[]}\n";
            default -> "{\"externalId\":\"n4\",\"text\":\"" + "x".repeat(200_000) + "\"}";
        });
    }

    /** A body sent with {@code Content-Encoding: gzip} that is not valid gzip, or expands far past any limit. */
    static byte[] badGzip(Random random, byte[] inner) {
        return switch (random.nextInt(5)) {
            case 0 -> inner;
            case 1 -> java.util.Arrays.copyOf(gzip(inner), Math.max(1, gzip(inner).length / 2));
            case 2 -> GZIP_BOMB;
            case 3 -> new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3};
            default -> gzip(gzip(inner));
        };
    }

    /**
     * A well-formed JSON body just over 1 MB (the limit the tests run with), one long string or many
     * items, sent with its length or in chunks without one.
     */
    static byte[] oversized(Random random) {
        int size = 1_100_000 + random.nextInt(400_000);
        return utf8(random.nextBoolean() ? "{\"externalId\":\"big\",\"text\":\"" + "x".repeat(size) + "\"}"
                : "[" + "{\"externalId\":\"b\",\"text\":\"t\"},".repeat(size / 32) + "{}]");
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
