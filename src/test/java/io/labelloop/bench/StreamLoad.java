package io.labelloop.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * N clients post text items to {@code POST /stream} until the total is reached; prints items/s and
 * latency p50/p99. Usage: StreamLoad baseUrl token projectId clients total
 */
public final class StreamLoad {

    private static final String[] WORDS = ("label loop active learning model item queue budget annotator review great "
            + "poor value price quality fast slow shipping broken works perfect awful service support refund").split(" ");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = args[1];
        long project = Long.parseLong(args[2]);
        int clients = Integer.parseInt(args[3]);
        int total = Integer.parseInt(args[4]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicInteger next = new AtomicInteger();
        List<long[]> latencies = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(clients);
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            long[] mine = new long[total];
            latencies.add(mine);
            Thread.ofPlatform().start(() -> {
                int n = 0;
                try {
                    for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        StringBuilder text = new StringBuilder();
                        for (int w = 0; w < 35; w++) {
                            text.append(WORDS[(i * 31 + w * 7) % WORDS.length]).append(' ');
                        }
                        String body = "{\"externalId\":\"s-" + i + "\",\"text\":\"" + text + "\"}";
                        long t0 = System.nanoTime();
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/projects/" + project + "/stream"))
                                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            throw new IllegalStateException(r.statusCode() + " " + r.body());
                        }
                        mine[n++] = System.nanoTime() - t0;
                    }
                } catch (Exception e) {
                    System.err.println("client failed: " + e);
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] all = latencies.stream().flatMapToLong(java.util.Arrays::stream).filter(v -> v > 0).sorted().toArray();
        System.out.printf(Locale.ROOT, "stream: %d clients, %d items in %.1f s = %.0f items/s; latency p50 %.1f ms p99 %.1f ms%n",
                clients, all.length, seconds, all.length / seconds, all[all.length / 2] / 1e6,
                all[(int) Math.ceil(0.99 * all.length) - 1] / 1e6);
    }
}
