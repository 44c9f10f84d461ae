package io.labelloop.bench;

import io.labelloop.support.TricklingUpload;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * C connections each announce a 100 MB CSV upload and then send one short row a second, while a
 * prober GETs the project every 250 ms with a 10 s timeout: the GETs' latencies and timeouts, and
 * how the server answered the trickling uploads. Usage: SlowUploads baseUrl token projectId connections seconds
 */
public final class SlowUploads {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = args[1];
        long project = Long.parseLong(args[2]);
        int connections = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int port = URI.create(base).getPort();
        String path = "/api/v1/projects/" + project + "/items";

        List<TricklingUpload> open = new CopyOnWriteArrayList<>();
        Map<String, Integer> answers = new ConcurrentHashMap<>();
        for (int c = 0; c < connections; c++) {
            TricklingUpload upload = TricklingUpload.start(port, path, token, 100_000_000, "externalId,text\n");
            open.add(upload);
            Thread.ofVirtual().start(() -> {
                String answer;
                try {
                    var head = upload.head(Duration.ofSeconds(seconds + 30L));
                    answer = head == null ? "no answer" : String.valueOf(head.status());
                } catch (IOException e) {
                    answer = "closed";
                }
                open.remove(upload);
                answers.merge(answer, 1, Integer::sum);
            });
        }
        Thread trickler = Thread.ofPlatform().daemon().start(() -> trickle(open));

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Long> latencies = new ArrayList<>();
        int timeouts = 0;
        int failures = 0;
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            try {
                var r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/projects/" + project))
                        .header("Authorization", "Bearer " + token).timeout(PROBE_TIMEOUT).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    latencies.add((System.nanoTime() - t0) / 1_000_000);
                } else {
                    failures++;
                }
            } catch (HttpTimeoutException e) {
                timeouts++;
            }
            Thread.sleep(250);
        }
        trickler.interrupt();
        Collections.sort(latencies);
        System.out.printf(Locale.ROOT, "GET /projects/%d during %d trickling uploads, %d s: %d answered, %d timed out (%d s), %d failed%n",
                project, connections, seconds, latencies.size(), timeouts, PROBE_TIMEOUT.toSeconds(), failures);
        if (!latencies.isEmpty()) {
            System.out.printf(Locale.ROOT, "latency ms: p50 %d, p90 %d, max %d%n", pct(latencies, 0.5), pct(latencies, 0.9),
                    latencies.getLast());
        }
        var byAnswer = new TreeMap<>(answers);
        byAnswer.put("still open", open.size());
        System.out.println("trickling uploads answered: " + byAnswer);
        for (var u : open) {
            u.close();
        }
    }

    private static void trickle(List<TricklingUpload> open) {
        long row = 0;
        while (!Thread.currentThread().isInterrupted()) {
            for (var u : open) {
                try {
                    u.send("t-" + row++ + ",x\n");
                } catch (IOException e) {
                    open.remove(u);
                }
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static long pct(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(q * sorted.size())));
    }
}
