package io.labelloop.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** A small HTTP server on 127.0.0.1 that records the posts it receives and answers with the statuses queued. */
public final class WebhookReceiver implements AutoCloseable {

    /** One received post. */
    public record Received(Map<String, List<String>> headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Queue<Integer> statuses = new ArrayDeque<>();

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body));
            int status;
            synchronized (statuses) {
                status = statuses.isEmpty() ? 200 : statuses.poll();
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** The next answers, in order (200 once they are used up). */
    public WebhookReceiver answering(int... next) {
        synchronized (statuses) {
            for (int s : next) {
                statuses.add(s);
            }
        }
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Waits until {@code count} posts match, or the timeout passes; returns the matching posts. */
    public List<Received> await(Predicate<Received> match, int count, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Received> hits = received.stream().filter(match).toList();
            if (hits.size() >= count || System.nanoTime() > end) {
                return hits;
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
