package io.labelloop.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client of the memory soak ({@code bench/soak.sh}). Phase "setup": creates the projects, each on
 * one of the prepared datasets in turn (a labeled seed and an unlabeled pool, see {@code bench/soak_prep.py}).
 * Phase "train": until the target number of model versions is reached (or the optional time limit of the phase
 * has passed, so that a slow machine still gets to the annotator phase), two threads walk the projects
 * round-robin, label a few claimed items each (with their true label) and train a new version through
 * {@code training-runs?wait=true}. Phase "annotate": annotators (users who are members of every project)
 * claim one item of a random project, read it for a while and label it, for the given minutes, while the
 * scheduled job retrains. Writes the current phase to a file (for the heap sampler) and counts every
 * answer by status; 5xx and failed connections are what the soak must not see.
 * Usage: MemorySoak baseUrl adminToken prepDir phaseFile projects versions minutes annotators thinkMillis [trainMinutes]
 */
public final class MemorySoak {

    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
    private static final Pattern VERSION = Pattern.compile("\"version\":(\\d+)");
    private static final Pattern ITEM = Pattern.compile("\"itemId\":(\\d+),\"externalId\":\"([^\"]*)\"");
    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String admin;
    private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    private final AtomicLong failedConnections = new AtomicLong();
    private final List<SoakProject> projects = new ArrayList<>();

    private record SoakProject(long id, Map<String, String> truth, List<String> labels) {
    }

    private MemorySoak(String base, String admin) {
        this.base = base;
        this.admin = admin;
    }

    public static void main(String[] args) throws Exception {
        MemorySoak soak = new MemorySoak(args[0], args[1]);
        Path prep = Path.of(args[2]);
        Path phase = Path.of(args[3]);
        int projects = Integer.parseInt(args[4]);
        int versions = Integer.parseInt(args[5]);
        int minutes = Integer.parseInt(args[6]);
        int annotators = Integer.parseInt(args[7]);
        int thinkMillis = Integer.parseInt(args[8]);
        Duration trainLimit = args.length > 9 ? Duration.ofMinutes(Long.parseLong(args[9])) : Duration.ofDays(1);
        long start = System.nanoTime();
        Files.writeString(phase, "setup");
        soak.setUp(prep, projects);
        System.out.printf("setup: %d projects in %.0f s%n", projects, (System.nanoTime() - start) / 1e9);
        Files.writeString(phase, "train");
        long trainStart = System.nanoTime();
        int trained = soak.train(versions, System.nanoTime() + trainLimit.toNanos());
        System.out.printf("train: %d versions through training-runs?wait=true in %.0f s%n", trained,
                (System.nanoTime() - trainStart) / 1e9);
        List<String> tokens = soak.annotators(annotators);
        Files.writeString(phase, "annotate");
        long annotateStart = System.nanoTime();
        long labels = soak.annotate(tokens, Duration.ofMinutes(minutes), thinkMillis);
        double seconds = (System.nanoTime() - annotateStart) / 1e9;
        System.out.printf("annotate: %d annotators, %d labels in %.0f s (%.1f labels/s)%n", annotators, labels, seconds,
                labels / seconds);
        Files.writeString(phase, "done");
        soak.report();
    }

    private void setUp(Path prep, int count) throws Exception {
        List<String> names;
        try (var files = Files.list(prep)) {
            names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".labels.json"))
                    .map(n -> n.replace(".labels.json", "")).sorted().toList();
        }
        // text and tabular sets alternate
        List<String> text = names.stream().filter(n -> taskType(prep, n).equals("TEXT")).toList();
        List<String> tabular = names.stream().filter(n -> !taskType(prep, n).equals("TEXT")).toList();
        for (int i = 0; i < count; i++) {
            List<String> kind = (i % 2 == 0 && !text.isEmpty()) || tabular.isEmpty() ? text : tabular;
            String name = kind.get((i / 2) % kind.size());
            projects.add(create(prep, name, i));
        }
    }

    private static String taskType(Path prep, String name) {
        try {
            return Files.readString(prep.resolve(name + ".labels.json")).contains("\"TEXT\"") ? "TEXT" : "TABULAR";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private SoakProject create(Path prep, String name, int n) throws Exception {
        String spec = Files.readString(prep.resolve(name + ".labels.json"));
        String labels = spec.substring(spec.indexOf("\"labels\":") + 9, spec.lastIndexOf('}'));
        String created = call("POST", "/api/v1/projects", admin, "application/json", "{\"name\":\"soak-" + n + "-" + name
                + "\",\"taskType\":\"" + taskType(prep, name) + "\",\"labels\":" + labels
                + ",\"retrainEvery\":10,\"batchSize\":20}").body();
        Matcher id = ID.matcher(created);
        if (!id.find()) {
            throw new IllegalStateException("project not created: " + created);
        }
        long project = Long.parseLong(id.group(1));
        for (String part : List.of(".seed.csv", ".pool.csv")) {
            call("POST", "/api/v1/projects/" + project + "/items", admin, "text/csv",
                    Files.readString(prep.resolve(name + part)));
        }
        Map<String, String> truth = new HashMap<>();
        for (String line : Files.readAllLines(prep.resolve(name + ".truth.tsv"))) {
            String[] kv = line.split("\t", 2);
            truth.put(kv[0], kv[1]);
        }
        List<String> classes = List.of(labels.replaceAll("[\\[\\]\"]", "").split(","));
        return new SoakProject(project, truth, classes);
    }

    /** Trains versions round-robin over the projects on two threads; returns how many were trained. */
    private int train(int versions, long deadline) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger trained = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                // a project that cannot train (all attempts 409) must not keep the soak going forever
                while (trained.get() < versions && next.get() < 3 * versions && System.nanoTime() < deadline) {
                    SoakProject p = projects.get(next.getAndIncrement() % projects.size());
                    labelClaimed(p, admin, 3, 0);
                    var r = call("POST", "/api/v1/projects/" + p.id() + "/training-runs?wait=true", admin,
                            "application/json", "{}");
                    if (r.statusCode() == 200 && VERSION.matcher(r.body()).find()) {
                        int done = trained.incrementAndGet();
                        if (done % 100 == 0) {
                            System.out.printf("  %d versions trained%n", done);
                        }
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return trained.get();
    }

    /** Claims up to {@code count} items of the project and labels each with its true label. */
    private int labelClaimed(SoakProject p, String token, int count, int thinkMillis) {
        var claim = call("POST", "/api/v1/projects/" + p.id() + "/queue/claims", token, "application/json",
                "{\"count\":" + count + "}");
        Matcher m = ITEM.matcher(claim.body());
        int labeled = 0;
        while (m.find()) {
            String label = p.truth().getOrDefault(m.group(2), p.labels().get(0));
            if (thinkMillis > 0) {
                sleep((long) (-thinkMillis * Math.log(1 - ThreadLocalRandom.current().nextDouble())));
            }
            var r = call("POST", "/api/v1/projects/" + p.id() + "/items/" + m.group(1) + "/labels", token,
                    "application/json", "{\"label\":\"" + label + "\"}");
            labeled += r.statusCode() < 300 ? 1 : 0;
        }
        if (claim.statusCode() != 200 || !claim.body().contains("itemId")) {
            sleep(50); // nothing to claim (or no answer): do not spin
        }
        return labeled;
    }

    private List<String> annotators(int count) {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String user = "soak-annotator-" + i;
            call("POST", "/api/v1/users", admin, "application/json",
                    "{\"username\":\"" + user + "\",\"password\":\"password-" + i + "\",\"role\":\"ANNOTATOR\"}");
            for (SoakProject p : projects) {
                call("POST", "/api/v1/projects/" + p.id() + "/members", admin, "application/json",
                        "{\"username\":\"" + user + "\"}");
            }
            Matcher token = TOKEN.matcher(call("POST", "/api/v1/users/" + user + "/tokens", admin, "application/json",
                    "{\"name\":\"soak\"}").body());
            if (!token.find()) {
                throw new IllegalStateException("no token for " + user);
            }
            tokens.add(token.group(1));
        }
        return tokens;
    }

    private long annotate(List<String> tokens, Duration length, int thinkMillis) throws InterruptedException {
        long end = System.nanoTime() + length.toNanos();
        AtomicLong labels = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (String token : tokens) {
            threads.add(Thread.ofPlatform().start(() -> {
                while (System.nanoTime() < end) {
                    SoakProject p = projects.get(ThreadLocalRandom.current().nextInt(projects.size()));
                    labels.addAndGet(labelClaimed(p, token, 1, thinkMillis));
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return labels.get();
    }

    private void report() {
        long serverErrors = statuses.entrySet().stream().filter(e -> e.getKey() >= 500)
                .mapToLong(e -> e.getValue().get()).sum();
        System.out.println("answers by status: " + new java.util.TreeMap<>(statuses));
        System.out.println("5xx answers: " + serverErrors);
        System.out.println("failed connections: " + failedConnections.get());
    }

    private HttpResponse<String> call(String method, String path, String token, String contentType, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token).header("Content-Type", contentType)
                .header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            statuses.computeIfAbsent(r.statusCode(), s -> new AtomicLong()).incrementAndGet();
            if (r.statusCode() >= 500) {
                System.err.println(method + " " + path + " -> " + r.statusCode() + " " + r.body());
            }
            return r;
        } catch (java.io.IOException e) {
            failedConnections.incrementAndGet();
            System.err.println(method + " " + path + " failed: " + e);
            return new Failed(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What a call that got no answer returns: status 0, empty body. */
    private record Failed(HttpRequest request) implements HttpResponse<String> {
        public int statusCode() {
            return 0;
        }

        public Optional<HttpResponse<String>> previousResponse() {
            return Optional.empty();
        }

        public java.net.http.HttpHeaders headers() {
            return java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true);
        }

        public String body() {
            return "";
        }

        public Optional<javax.net.ssl.SSLSession> sslSession() {
            return Optional.empty();
        }

        public URI uri() {
            return request.uri();
        }

        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
