package io.labelloop.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * N annotators (one thread, token and kept-alive connection each) claim one item and label it, over HTTP, until the
 * target number of labels is reached; prints claim and label latency p50/p99 and labels/s.
 * With a think time each annotator pauses that long (exponentially distributed around it) between
 * a claim and its label, as a person reading the item would; without one they post back to back,
 * which measures the most the service takes (and then latency is just the concurrency divided by
 * the throughput).
 * With {@code -Dbench.seconds=n} they stop after n seconds as well (the first minute after a start); the labels/s of
 * each 10-second window show how soon a fresh JVM reaches full speed.
 * It also counts the labeled items by the queue reason their claim gave (STRATEGY, FALLBACK, HOLDOUT, ...): the share
 * of labels that went to unranked fallback items.
 * Usage: AnnotatorLoad baseUrl projectId tokensFile totalLabels [thinkMillis]
 */
public final class AnnotatorLoad {

    private static final Pattern ITEM_ID = Pattern.compile("\"itemId\":(\\d+)");
    private static final Pattern REASON = Pattern.compile("\"reason\":\"([A-Z_]+)\"");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        long project = Long.parseLong(args[1]);
        List<String> tokens = Files.readAllLines(Path.of(args[2])).stream().filter(s -> !s.isBlank()).toList();
        int total = Integer.parseInt(args[3]);
        double thinkMillis = args.length > 4 ? Double.parseDouble(args[4]) : 0;
        AtomicInteger labeled = new AtomicInteger();
        var byReason = new java.util.concurrent.ConcurrentSkipListMap<String, AtomicInteger>();
        long stopAfter = (long) (Double.parseDouble(System.getProperty("bench.seconds", "1e9")) * 1e9);
        java.util.concurrent.atomic.AtomicIntegerArray windows = new java.util.concurrent.atomic.AtomicIntegerArray(1000);
        List<long[]> claimTimes = new ArrayList<>();
        List<long[]> labelTimes = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(tokens.size());
        long start = System.nanoTime();
        for (String token : tokens) {
            // latencies of up to 65,536 labels per annotator (a run by duration passes a huge total)
            int slots = Math.min(total, 1 << 16);
            long[] claims = new long[slots];
            long[] labels = new long[slots];
            claimTimes.add(claims);
            labelTimes.add(labels);
            Thread.ofPlatform().start(() -> {
                int n = 0;
                try (RawHttp http = new RawHttp(base)) {
                    while (labeled.get() < total && System.nanoTime() - start < stopAfter) {
                        long t0 = System.nanoTime();
                        String claim = send(http, "/api/v1/projects/" + project + "/queue/claims", token, "{\"count\":1}");
                        long t1 = System.nanoTime();
                        Matcher m = ITEM_ID.matcher(claim);
                        if (!m.find()) {
                            break;
                        }
                        String label = (m.group(1).hashCode() & 1) == 0 ? "positive" : "negative";
                        if (thinkMillis > 0) {
                            double pause = -thinkMillis * Math.log(1 - java.util.concurrent.ThreadLocalRandom.current().nextDouble());
                            Thread.sleep((long) pause);
                        }
                        long t2 = System.nanoTime();
                        send(http, "/api/v1/projects/" + project + "/items/" + m.group(1) + "/labels", token,
                                "{\"label\":\"" + label + "\"}");
                        long t3 = System.nanoTime();
                        if (n < slots - 1) {
                            claims[n] = t1 - t0;
                            labels[n] = t3 - t2;
                            n++;
                        }
                        labeled.incrementAndGet();
                        Matcher r = REASON.matcher(claim);
                        byReason.computeIfAbsent(r.find() ? r.group(1) : "none", k -> new AtomicInteger()).incrementAndGet();
                        windows.incrementAndGet((int) Math.min(999, (t3 - start) / 10_000_000_000L));
                    }
                } catch (Exception e) {
                    System.err.println("annotator failed: " + e);
                } finally {
                    claims[slots - 1] = n; // count, kept in the last slot
                    done.countDown();
                }
            });
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("annotators: %d, think time %.0f ms, labels: %d in %.1f s = %.0f labels/s%n", tokens.size(),
                thinkMillis, labeled.get(), seconds, labeled.get() / seconds);
        StringBuilder byWindow = new StringBuilder();
        for (int w = 0; w < Math.min(1000, (int) Math.ceil(seconds / 10)); w++) {
            byWindow.append(w == 0 ? "" : " ").append(Math.round(windows.get(w) / Math.min(10.0, seconds - 10.0 * w)));
        }
        System.out.println("labels/s by 10-second window: " + byWindow);
        StringBuilder reasons = new StringBuilder();
        byReason.forEach((reason, n) -> reasons.append(reasons.isEmpty() ? "" : ", ").append(reason).append(' ')
                .append(n.get()).append(String.format(" (%.1f%%)", 100.0 * n.get() / Math.max(1, labeled.get()))));
        System.out.println("labels by queue reason: " + reasons);
        long clientCpu = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
        System.out.printf("load generator (this process) CPU %.2f s: it shares the machine with the service%n", clientCpu / 1e9);
        System.out.printf("claim latency  p50 %.1f ms  p99 %.1f ms%n", pct(claimTimes, 50), pct(claimTimes, 99));
        System.out.printf("label latency  p50 %.1f ms  p99 %.1f ms%n", pct(labelTimes, 50), pct(labelTimes, 99));
    }

    private static double pct(List<long[]> perThread, int p) {
        List<Long> all = new ArrayList<>();
        for (int i = 0; i < perThread.size(); i++) {
            long[] a = perThread.get(i);
            int n = (int) claimCount(i, perThread);
            for (int j = 0; j < n; j++) {
                all.add(a[j]);
            }
        }
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    private static long claimCount(int i, List<long[]> perThread) {
        long[] a = perThread.get(i);
        return Arrays.stream(a).limit(a.length - 1).filter(v -> v > 0).count();
    }

    private static String send(RawHttp http, String path, String token, String json) throws Exception {
        RawHttp.Response response = http.post(path, token, json);
        if (response.status() >= 400 && response.status() != 409) {
            throw new IllegalStateException(response.status() + " " + response.body());
        }
        return response.body();
    }
}
