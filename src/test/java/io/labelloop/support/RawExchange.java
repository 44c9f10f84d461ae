package io.labelloop.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 request sent byte for byte as given, on its own connection: for the requests
 * {@link java.net.http.HttpClient} refuses to send (invalid percent escapes, raw control bytes,
 * conflicting or lying length headers) and which a hostile client sends anyway.
 */
public final class RawExchange {

    private static final int TIMEOUT_MILLIS = 30_000;

    private RawExchange() {
    }

    /** A request: {@code target} is the raw request-target (path and query) as it goes on the wire. */
    public record Request(String method, byte[] target, List<Header> headers, byte[] body) {

        public String targetText() {
            return new String(target, StandardCharsets.ISO_8859_1);
        }

        /** The request as a reader can retype it: the target and body with non-printable bytes escaped. */
        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(method).append(' ').append(escape(target, target.length)).append('\n');
            headers.forEach(h -> s.append(h.name()).append(": ").append(escape(h.value().getBytes(StandardCharsets.ISO_8859_1), 300)).append('\n'));
            s.append("body (").append(body.length).append(" bytes): ").append(escape(body, 600));
            return s.toString();
        }
    }

    public record Header(String name, String value) {
    }

    /** The answer: status (0 when the server closed the connection without one), headers by lower-case name, body. */
    public record Response(int status, Map<String, String> headers, byte[] body) {

        public String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * Sends the request with {@code Connection: close} and reads the answer to the end. The body is
     * followed by a half-close, so a request that announces more bytes than it sends ends instead of
     * waiting for them.
     */
    public static Response send(int port, Request request) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            try {
                OutputStream out = socket.getOutputStream();
                out.write(head(request));
                out.write(request.body());
                out.flush();
                socket.shutdownOutput();
            } catch (IOException refusedEarly) {
                // the server may answer and close before it has read the whole body: read what it said
            }
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException("no answer to " + request, e);
        }
    }

    /** The body in HTTP/1.1 chunked framing, in chunks of up to 64 KB (send it with {@code Transfer-Encoding: chunked}). */
    public static byte[] chunked(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < body.length; at += 1 << 16) {
            int n = Math.min(1 << 16, body.length - at);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, at, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    /** The request exactly as {@link #send} writes it, for replaying it by hand ({@code nc localhost PORT < file}). */
    public static byte[] wire(Request r) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(head(r));
        all.writeBytes(r.body());
        return all.toByteArray();
    }

    private static byte[] head(Request r) {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.writeBytes((r.method() + " ").getBytes(StandardCharsets.ISO_8859_1));
        head.writeBytes(r.target());
        head.writeBytes(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n".getBytes(StandardCharsets.ISO_8859_1));
        for (Header h : r.headers()) {
            head.writeBytes((h.name() + ": " + h.value() + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        head.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return head.toByteArray();
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                all.write(buffer, 0, n);
            }
        } catch (java.net.SocketException reset) {
            // a reset after the answer (unread request bytes) still leaves the answer readable
        }
        return all.toByteArray();
    }

    static Response parse(byte[] raw) {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
        if (end > 0 && raw.length > 12 && raw[9] == '1') { // an interim answer (100 Continue): the final one follows
            return parse(java.util.Arrays.copyOfRange(raw, end + 4, raw.length));
        }
        if (raw.length < 12 || end < 0) {
            return new Response(0, Map.of(), raw);
        }
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if (headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked")) {
            body = dechunk(body);
        }
        return new Response(status, headers, body);
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(chunked, new byte[] {'\r', '\n'}, at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, Math.min(size, chunked.length - lineEnd - 2));
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Printable ASCII as is, everything else as {@code \xNN}; at most {@code limit} bytes, then the rest counted. */
    static String escape(byte[] bytes, int limit) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, limit); i++) {
            int b = bytes[i] & 0xff;
            if (b >= 0x20 && b < 0x7f && b != '\\') {
                s.append((char) b);
            } else {
                s.append(String.format("\\x%02x", b));
            }
        }
        if (bytes.length > limit) {
            s.append("... (").append(bytes.length - limit).append(" more bytes)");
        }
        return s.toString();
    }
}
