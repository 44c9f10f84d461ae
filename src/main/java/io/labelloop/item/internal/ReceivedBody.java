package io.labelloop.item.internal;

import io.labelloop.item.UploadSettings;
import io.labelloop.shared.ApiException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.springframework.http.HttpStatus;

/**
 * An upload body received in full into a spool file before any database resource is taken, so
 * that a slow or stalled client holds a thread and a file but never a connection or the project's
 * upload lock. Closing it deletes the file, whether the upload succeeded, failed or was abandoned.
 * A body slower than the minimum rate over a window is refused; one that stops altogether ends at
 * the server's read timeout ({@code server.tomcat.connection-timeout}).
 */
final class ReceivedBody implements AutoCloseable {

    private static final int BUFFER = 1 << 20;

    private final Path file;
    private long bytes;
    private long nanos;

    private ReceivedBody(Path file) {
        this.file = file;
    }

    /** Reads the whole body into a new spool file: 413 above the size limit, 408 below the minimum rate. */
    static ReceivedBody receive(InputStream body, SpoolDirectory spool, UploadSettings settings) throws IOException {
        var received = new ReceivedBody(spool.newFile("labelloop-body-"));
        long started = System.nanoTime();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(received.file), BUFFER)) {
            received.bytes = copy(new LimitedInputStream(body, settings.maxBodySize().toBytes()), out, settings);
            received.nanos = System.nanoTime() - started;
            return received;
        } catch (IOException | RuntimeException e) {
            received.close();
            throw e;
        }
    }

    /** The received bytes, decompressed when the client sent them gzip-encoded. */
    InputStream open(boolean gzip) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        try {
            return gzip ? new GZIPInputStream(in, 1 << 16) : in;
        } catch (IOException e) {
            in.close();
            throw e;
        }
    }

    /** The body's size as sent (before any decompression). */
    long bytes() {
        return bytes;
    }

    /** How long the body took to arrive, in milliseconds. */
    long millis() {
        return nanos / 1_000_000;
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }

    private static long copy(InputStream in, OutputStream out, UploadSettings settings) throws IOException {
        long windowNanos = settings.bodyRateWindow().toNanos();
        long minPerWindow = settings.minBodyRate().toBytes() * settings.bodyRateWindow().toMillis() / 1000;
        byte[] buffer = new byte[BUFFER];
        long windowStart = System.nanoTime();
        long inWindow = 0;
        long total = 0;
        for (int n = read(in, buffer); n >= 0; n = read(in, buffer)) {
            out.write(buffer, 0, n);
            inWindow += n;
            total += n;
            long now = System.nanoTime();
            if (now - windowStart >= windowNanos) {
                if (inWindow < minPerWindow * ((now - windowStart) / windowNanos)) {
                    throw tooSlow();
                }
                windowStart = now;
                inWindow = 0;
            }
        }
        return total;
    }

    /** A read from the client; its failures (the server wraps them) are the client's: gone, or silent too long. */
    private static int read(InputStream in, byte[] buffer) {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SocketTimeoutException) {
                    throw tooSlow();
                }
            }
            throw ApiException.badRequest("the request body ended before it was complete");
        }
    }

    private static ApiException tooSlow() {
        return new ApiException(HttpStatus.REQUEST_TIMEOUT, "Request timeout",
                "the request body arrived too slowly; send it again at a steadier pace", List.of());
    }
}
