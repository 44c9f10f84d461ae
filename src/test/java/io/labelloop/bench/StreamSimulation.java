package io.labelloop.bench;

import io.labelloop.learning.ItemEncoder;
import io.labelloop.learning.TaskType;
import io.labelloop.learning.bench.LabeledData;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stream with auto-labeling at a target accuracy, through the running service as a new user
 * would: a project with {@code autoLabelTargetAccuracy}, a shuffled dataset posted one item at a
 * time to {@code POST /stream} at a fixed rate, and simulated annotators that claim from the queue
 * and label each item with its true label (oracle) while the scheduled job retrains. At the end:
 * the decisions, the coverage, the real accuracy of the machine labels (the driver knows the
 * truth) next to the service's own audit, the human labels spent, and a check of the export.
 * Prints one Markdown table row on stdout and the details on stderr.
 * Usage: StreamSimulation baseUrl adminToken datasetFile [items=5000] [budget=600] [itemsPerSecond=30]
 * [annotators=2] [thinkMillis=300] [streamLabelingShare=none] [drainSeconds=120]
 */
public final class StreamSimulation {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final double TARGET = 0.95;
    private static final long SEED = 42;

    private final Api api;
    private final LabeledData data;
    private final Map<String, Integer> indexOf = new HashMap<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final List<Long> claimNanos = new CopyOnWriteArrayList<>();
    private final List<Long> labelNanos = new CopyOnWriteArrayList<>();
    private final List<Long> streamNanos = new CopyOnWriteArrayList<>();
    private volatile boolean streamDone;

    private StreamSimulation(Api api, LabeledData data) {
        this.api = api;
        this.data = data;
        for (int i = 0; i < data.size(); i++) {
            indexOf.put(data.ids().get(i), i);
        }
    }

    /** What the stream answered for the item at one stream position. */
    private record Posted(int index, String decision, String label, Integer modelVersion) {
    }

    public static void main(String[] args) throws Exception {
        Api api = new Api(args[0], args[1]);
        LabeledData data = LabeledData.load(Path.of(args[2]));
        int items = Math.min(data.size(), arg(args, 3, 5000));
        int budget = arg(args, 4, 600);
        int rate = arg(args, 5, 30);
        int annotators = arg(args, 6, 2);
        int thinkMillis = arg(args, 7, 300);
        Double share = args.length > 8 && !args[8].equals("none") ? Double.valueOf(args[8]) : null;
        int drainSeconds = arg(args, 9, 120);
        new StreamSimulation(api, data).run(items, budget, rate, annotators, thinkMillis, share, drainSeconds);
    }

    private static int arg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }

    private void run(int n, int budget, int rate, int annotators, int thinkMillis, Double share, int drainSeconds)
            throws Exception {
        String name = data.name() + (share == null ? "" : ", streamLabelingShare " + share);
        long project = createProject(budget, share);
        String p = "/api/v1/projects/" + project;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, new Random(SEED));

        AtomicInteger labeled = new AtomicInteger();
        Map<String, AtomicInteger> claimedByReason = new ConcurrentHashMap<>();
        AtomicLong drainUntil = new AtomicLong(Long.MAX_VALUE);
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int a = 0; a < annotators; a++) {
            threads.add(Thread.ofPlatform().start(() -> annotate(p, thinkMillis, labeled, claimedByReason, drainUntil)));
        }

        Posted[] posted = new Posted[n];
        for (int k = 0; k < n; k++) {
            long due = start + (long) (k * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            int i = order.get(k);
            long t0 = System.nanoTime();
            Api.Reply r = api.call("POST", p + "/stream", streamItem(i));
            streamNanos.add(System.nanoTime() - t0);
            if (r.status() != 200) {
                problems.add("POST " + p + "/stream #" + k + " -> " + r.status() + " " + r.body());
                continue;
            }
            JsonNode d = r.json();
            posted[k] = new Posted(i, d.get("decision").asString(), d.path("label").asString(null),
                    d.path("modelVersion").isNumber() ? d.get("modelVersion").asInt() : null);
        }
        double streamSeconds = (System.nanoTime() - start) / 1e9;
        streamDone = true;
        drainUntil.set(System.nanoTime() + drainSeconds * 1_000_000_000L);
        for (Thread t : threads) {
            t.join();
        }
        double totalSeconds = (System.nanoTime() - start) / 1e9;
        Api.Reply trained = api.call("POST", p + "/training-runs?wait=true", JSON.createObjectNode());
        if (trained.status() != 200) {
            problems.add("final POST training-runs?wait=true -> " + trained.status() + " " + trained.body());
        }
        JsonNode stats = api.ok("GET", p + "/stats", null);
        report(name, project, n, posted, stats, labeled.get(), claimedByReason, streamSeconds, totalSeconds, rate);
    }

    private long createProject(int budget, Double share) throws Exception {
        ObjectNode s = JSON.createObjectNode();
        s.put("name", data.name() + "-stream-http");
        s.put("taskType", data.task().name());
        ArrayNode labels = s.putArray("labels");
        data.labels().stream().distinct().sorted().forEach(labels::add);
        s.put("budget", budget);
        s.put("retrainEvery", 20);
        s.put("autoLabelTargetAccuracy", TARGET);
        s.put("holdoutFraction", 0.2);
        s.put("auditFraction", 0.1);
        if (share != null) {
            s.put("streamLabelingShare", share);
        }
        return api.ok("POST", "/api/v1/projects", s).get("id").asLong();
    }

    private ObjectNode streamItem(int i) {
        ObjectNode item = JSON.createObjectNode();
        item.put("externalId", data.ids().get(i));
        if (data.task() == TaskType.TEXT) {
            item.put("text", data.rawTexts().get(i));
        } else {
            ArrayNode f = item.putArray("features");
            for (float v : ItemEncoder.decode(data.items().get(i)).values()) {
                if (Float.isNaN(v)) {
                    f.addNull();
                } else {
                    f.add(Double.parseDouble(Float.toString(v)));
                }
            }
        }
        return item;
    }

    /**
     * One annotator: claims one item at a time and labels it with the truth after a think time.
     * Stops once the stream is over and the queue answers empty with a reason (budget or pool spent),
     * or has stayed empty for 10 s, or the drain time is up.
     */
    private void annotate(String p, int thinkMillis, AtomicInteger labeled, Map<String, AtomicInteger> byReason,
            AtomicLong drainUntil) {
        long emptySince = 0;
        try {
            while (System.nanoTime() < drainUntil.get()) {
                long t0 = System.nanoTime();
                Api.Reply claim = api.call("POST", p + "/queue/claims", JSON.createObjectNode().put("count", 1));
                claimNanos.add(System.nanoTime() - t0);
                if (claim.status() != 200) {
                    problems.add("POST " + p + "/queue/claims -> " + claim.status() + " " + claim.body());
                    Thread.sleep(500);
                    continue;
                }
                JsonNode items = claim.json().get("items");
                if (items.isEmpty()) {
                    String reason = claim.json().path("reason").asString(null);
                    long now = System.nanoTime();
                    emptySince = emptySince == 0 ? now : emptySince;
                    if (streamDone && (reason != null || now - emptySince > 10_000_000_000L)) {
                        return;
                    }
                    Thread.sleep(200);
                    continue;
                }
                emptySince = 0;
                for (JsonNode item : items) {
                    byReason.computeIfAbsent(item.path("reason").asString("?"), r -> new AtomicInteger()).incrementAndGet();
                    Thread.sleep(streamDone ? 0 : thinkMillis); // after the stream only the totals matter
                    String truth = data.labels().get(indexOf.get(item.get("externalId").asString()));
                    long t1 = System.nanoTime();
                    Api.Reply r = api.call("POST", p + "/items/" + item.get("itemId").asLong() + "/labels",
                            JSON.createObjectNode().put("label", truth));
                    labelNanos.add(System.nanoTime() - t1);
                    if (r.status() == 200 || r.status() == 201) {
                        labeled.incrementAndGet();
                    } else {
                        problems.add("POST " + p + "/items/" + item.get("itemId") + "/labels -> " + r.status() + " " + r.body());
                    }
                }
            }
        } catch (Exception e) {
            problems.add("annotator failed: " + e);
        }
    }

    private void report(String name, long project, int n, Posted[] posted, JsonNode stats, int labeled,
            Map<String, AtomicInteger> claimedByReason, double streamSeconds, double totalSeconds, int rate) throws Exception {
        Map<String, Integer> decisions = new java.util.TreeMap<>();
        int[] right = new int[2];
        int[] auto = new int[2];
        int firstAuto = -1;
        int firstNotQueued = -1;
        int answered = 0;
        for (int k = 0; k < n; k++) {
            Posted d = posted[k];
            if (d == null) {
                continue;
            }
            answered++;
            decisions.merge(d.decision(), 1, Integer::sum);
            if (d.decision().equals("AUTO_LABELED")) {
                int half = k < n / 2 ? 0 : 1;
                auto[half]++;
                right[half] += d.label().equals(data.labels().get(d.index())) ? 1 : 0;
                firstAuto = firstAuto < 0 ? k : firstAuto;
            } else if (d.decision().equals("NOT_QUEUED") && firstNotQueued < 0) {
                firstNotQueued = k;
            }
        }
        int autoLabeled = auto[0] + auto[1];
        int correct = right[0] + right[1];
        int queued = decisions.getOrDefault("QUEUED", 0);
        int notQueued = decisions.getOrDefault("NOT_QUEUED", 0);
        double[] wilson = wilson(correct, autoLabeled);
        JsonNode audit = stats.get("autoLabelAudit");
        JsonNode overview = stats.get("stream");
        long human = stats.get("humanLabeled").asLong();
        Export export = export("/api/v1/projects/" + project);

        System.err.printf(Locale.ROOT, "%s: project %d, %d items streamed at %d/s in %.0f s (%.0f s with the drain), "
                + "%d answered; final model v%s, accuracy %s (%s)%n", name, project, n, rate, streamSeconds, totalSeconds,
                answered, stats.path("modelVersion"), stats.path("accuracy"), stats.path("evaluationMethod").asString(""));
        System.err.printf(Locale.ROOT, "  decisions %s; first AUTO_LABELED at stream position %d, first NOT_QUEUED at %d%n",
                decisions, firstAuto, firstNotQueued);
        System.err.printf(Locale.ROOT, "  machine labels vs truth: %d/%d = %s, 95%% Wilson [%.3f, %.3f]; first half %s (%d), "
                + "second half %s (%d)%n", correct, autoLabeled, fmt(correct, autoLabeled), wilson[0], wilson[1],
                fmt(right[0], auto[0]), auto[0], fmt(right[1], auto[1]), auto[1]);
        System.err.printf(Locale.ROOT, "  service: stats.stream %s; autoLabelAudit %s, verdict %s%n", overview, audit,
                stats.path("autoLabelAuditVerdict").asString(null));
        System.err.printf(Locale.ROOT, "  annotators: %d labels saved by the driver, claimed by queue reason %s; stats humanLabeled %d "
                + "(holdout %s), budgetUsed %s, queued %s, claimed %s%n", labeled, claimedByReason, human,
                stats.path("holdoutLabeled"), stats.path("budgetUsed"), stats.path("queued"), stats.path("claimed"));
        System.err.printf(Locale.ROOT, "  export: %s; AUTO rows vs truth %d/%d; HUMAN rows vs truth %d/%d; source=HUMAN: %d rows, "
                + "all HUMAN: %b%n", export.sources, export.autoRight, export.autoRows, export.humanRight, export.humanRows,
                export.humanOnlyRows, export.humanOnlyClean);
        System.err.printf(Locale.ROOT, "  labeling everything: %d human labels; here %d human + %d machine-only, %d items left unlabeled%n",
                answered, human, export.machineOnly(), answered - export.sourcesOf.size());
        if (overview.path("streamed").asLong() != answered || overview.path("autoLabeled").asLong() != autoLabeled
                || stats.path("autoLabeled").asLong() != autoLabeled) {
            problems.add("counts differ: driver saw " + answered + " streamed, " + autoLabeled + " auto-labeled; stats.autoLabeled "
                    + stats.path("autoLabeled") + ", stats.stream " + overview);
        }
        System.err.printf(Locale.ROOT, "  latency p50/p99 (ms): stream %s, claim %s, label %s%n", percentiles(streamNanos),
                percentiles(claimNanos), percentiles(labelNanos));
        for (String problem : problems.subList(0, Math.min(problems.size(), 20))) {
            System.err.println("  PROBLEM " + problem);
        }
        if (problems.size() > 20) {
            System.err.println("  PROBLEM ... " + (problems.size() - 20) + " more");
        }
        String exportOk = export.sources.containsKey("AUTO") && export.sources.containsKey("HUMAN") && export.humanOnlyClean
                ? "AUTO + HUMAN; HUMAN filter clean" : "FAILED " + export.sources;
        System.out.printf(Locale.ROOT, "| %s | %d | %d / %d / %d | %.3f | %s [%.3f, %.3f] | %s / %s | %s | %s | %d of %d | %d | %d | %s |%n",
                name, answered, autoLabeled, queued, notQueued, autoLabeled / (double) answered, fmt(correct, autoLabeled),
                wilson[0], wilson[1], fmt(right[0], auto[0]), fmt(right[1], auto[1]),
                audit.path("audited").asLong() == 0 ? "no audits" : String.format(Locale.ROOT, "%d/%d = %.3f [%.3f, %.3f]",
                        audit.get("agreed").asLong(), audit.get("audited").asLong(), audit.get("accuracy").asDouble(),
                        audit.get("low95").asDouble(), audit.get("high95").asDouble()),
                stats.path("autoLabelAuditVerdict").asString(null), human, answered,
                export.machineOnly(), answered - export.sourcesOf.size(), exportOk);
    }

    /** Source counts of the full export and machine/human label accuracy in it; then the HUMAN-only export. */
    private Export export(String p) throws Exception {
        Export e = new Export();
        for (CSVRecord r : csv(api.text(p + "/export?format=csv"))) {
            e.sources.merge(r.get("source"), 1, Integer::sum);
            e.sourcesOf.computeIfAbsent(r.get("externalId"), x -> new java.util.TreeSet<>()).add(r.get("source"));
            boolean right = r.get("label").equals(data.labels().get(indexOf.get(r.get("externalId"))));
            if (r.get("source").equals("AUTO")) {
                e.autoRows++;
                e.autoRight += right ? 1 : 0;
            } else if (r.get("source").equals("HUMAN")) {
                e.humanRows++;
                e.humanRight += right ? 1 : 0;
            }
        }
        for (CSVRecord r : csv(api.text(p + "/export?format=csv&source=HUMAN"))) {
            e.humanOnlyRows++;
            e.humanOnlyClean &= r.get("source").equals("HUMAN");
        }
        return e;
    }

    private static final class Export {
        final Map<String, Integer> sources = new java.util.TreeMap<>();
        int autoRows;
        int autoRight;
        int humanRows;
        int humanRight;
        int humanOnlyRows;
        boolean humanOnlyClean = true;
        final Map<String, java.util.Set<String>> sourcesOf = new HashMap<>();

        /** Items whose only label is the machine's: the human labels the stream saved. */
        long machineOnly() {
            return sourcesOf.values().stream().filter(s -> s.equals(java.util.Set.of("AUTO"))).count();
        }
    }

    private static List<CSVRecord> csv(String text) throws Exception {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(text)).getRecords();
    }

    /** 95% Wilson score interval of k successes in n trials ({NaN, NaN} for none). */
    static double[] wilson(long k, long n) {
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double z = 1.959964;
        double p = (double) k / n;
        double denominator = 1 + z * z / n;
        double centre = (p + z * z / (2 * n)) / denominator;
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / denominator;
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    private static String percentiles(List<Long> nanos) {
        long[] a = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return a.length == 0 ? "-" : String.format(Locale.ROOT, "%.0f/%.0f", a[a.length / 2] / 1e6,
                a[(int) Math.ceil(0.99 * a.length) - 1] / 1e6);
    }

    private static String fmt(int k, int n) {
        return n == 0 ? "-" : String.format(Locale.ROOT, "%.3f", k / (double) n);
    }

    /** The service's API with the admin token: JSON in and out, or text for downloads. */
    private record Api(String base, String token, HttpClient http) {

        Api(String base, String token) {
            this(base, token, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
        }

        record Reply(int status, String body) {
            JsonNode json() {
                return JSON.readTree(body);
            }
        }

        Reply call(String method, String path, JsonNode body) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token);
            if (body == null) {
                b.GET();
            } else {
                b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        }

        JsonNode ok(String method, String path, JsonNode body) throws Exception {
            Reply r = call(method, path, body);
            if (r.status() >= 300) {
                throw new IllegalStateException(method + " " + path + " -> " + r.status() + " " + r.body());
            }
            return r.json();
        }

        String text(String path) throws Exception {
            Reply r = call("GET", path, null);
            if (r.status() != 200) {
                throw new IllegalStateException("GET " + path + " -> " + r.status() + " " + r.body());
            }
            return r.body();
        }
    }
}
