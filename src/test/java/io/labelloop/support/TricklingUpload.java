package io.labelloop.support;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A bulk upload over a raw socket that announces a large body and then sends it a few bytes at a
 * time, as a slow or hostile client does; {@link #close()} abandons it mid-body.
 */
public final class TricklingUpload implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private TricklingUpload(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Sends the request head announcing {@code contentLength} bytes of CSV, then {@code firstBytes} of the body. */
    public static TricklingUpload start(int port, String path, String token, long contentLength, String firstBytes)
            throws IOException {
        var upload = new TricklingUpload(new Socket("127.0.0.1", port));
        String head = "POST " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: text/csv\r\nAccept: application/json\r\nContent-Length: " + contentLength + "\r\n\r\n";
        upload.out.write(head.getBytes(StandardCharsets.US_ASCII));
        upload.send(firstBytes);
        return upload;
    }

    /** Sends more of the body; fails once the server has closed the connection. */
    public void send(String bytes) throws IOException {
        out.write(bytes.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The response's status line and headers if the server answered within the timeout, otherwise null. */
    public Head head(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            String status = line();
            if (status == null) {
                return null;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String h = line(); h != null && !h.isEmpty(); h = line()) {
                int colon = h.indexOf(':');
                headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
            }
            return new Head(Integer.parseInt(status.substring(9, 12)), headers);
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    private String line() throws IOException {
        StringBuilder s = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                return s.isEmpty() ? null : s.toString();
            }
            if (c != '\r') {
                s.append((char) c);
            }
        }
        return s.toString();
    }

    /** Abandons the upload: the connection closes with the body unfinished. */
    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A response's status and headers (names in lower case). */
    public record Head(int status, Map<String, String> headers) {
    }
}
