package io.labelloop.learning.bench;

import io.labelloop.learning.StrategyName;
import io.labelloop.learning.TaskType;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The label-efficiency simulation run through the service's HTTP API (upload, claims, labels,
 * training runs, predictions) next to the in-process simulation of the learning core, on the same
 * pool/test split and seeds, so the two curves can be compared side by side.
 * With a holdout fraction above 0 the service keeps that share of the budget's labels for evaluation
 * (they do not train, the in-process run has no holdout) and the row reports the realized share.
 * Usage: HttpLabelEfficiency baseUrl adminToken datasetFile seeds budget step [holdoutFraction=0]; system properties
 * {@code bench.textRepresentation} (TEXT projects' setting; unless NGRAMS, labeling starts once the pool is embedded),
 * {@code bench.maxPool}, {@code bench.maxTest} (split sizes) and {@code bench.skipInProcess} (HTTP curve only).
 */
public final class HttpLabelEfficiency {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The projects' textRepresentation ({@code -Dbench.textRepresentation}); unset: the service's default. */
    private static final String TEXT_REPRESENTATION = System.getProperty("bench.textRepresentation");

    private HttpLabelEfficiency() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = args[1];
        Path file = Path.of(args[2]);
        int seeds = Integer.parseInt(args[3]);
        int budget = Integer.parseInt(args[4]);
        int step = Integer.parseInt(args[5]);
        double holdout = args.length > 6 ? Double.parseDouble(args[6]) : 0;
        LabeledData d = LabeledData.load(file);
        Split split = Split.stratified(d, 0.25, Integer.getInteger("bench.maxTest", 2000),
                Integer.getInteger("bench.maxPool", Integer.MAX_VALUE), 42);
        boolean inProcessToo = !Boolean.getBoolean("bench.skipInProcess");
        List<CSVRecord> rows = rows(file);
        StrategyName strategy = StrategyName.recommendedDefault();
        double[] http = new double[seeds];
        double[] inProcess = new double[seeds];
        double[] httpFinal = new double[seeds];
        double[] inProcessFinal = new double[seeds];
        double[] holdoutShare = new double[seeds];
        for (int s = 0; s < seeds; s++) {
            Run run = runOverHttp(base, token, d, split, rows, strategy, budget, step, holdout, s);
            double[] viaApi = run.curve();
            holdoutShare[s] = run.holdoutShare();
            double[] local = inProcessToo ? ActiveLearningRun.run(split, ActiveLearningRun.Method.of(strategy), budget, step, 42L + s)
                    : new double[] {Double.NaN};
            http[s] = Arrays.stream(viaApi).average().orElse(0);
            inProcess[s] = Arrays.stream(local).average().orElse(0);
            httpFinal[s] = viaApi[viaApi.length - 1];
            inProcessFinal[s] = local[local.length - 1];
            System.err.printf(Locale.ROOT, "%s seed %d: AUBC http %.3f in-process %.3f%n", d.name(), s, http[s], inProcess[s]);
        }
        System.out.printf(Locale.ROOT, "| %s | %s%s | %d | %.3f ± %.3f | %.3f ± %.3f | %.3f | %.3f | %.2f: %.3f (%.3f-%.3f) |%n",
                d.name(), strategy, TEXT_REPRESENTATION == null ? "" : " " + TEXT_REPRESENTATION, seeds, mean(http), sd(http), mean(inProcess), sd(inProcess), mean(httpFinal),
                mean(inProcessFinal), holdout, mean(holdoutShare), Arrays.stream(holdoutShare).min().orElse(0),
                Arrays.stream(holdoutShare).max().orElse(0));
    }

    /** The test accuracy after each round, and the share of the human labels that went to the holdout. */
    private record Run(double[] curve, double holdoutShare) {
    }

    private static Run runOverHttp(String base, String token, LabeledData d, Split split, List<CSVRecord> rows,
            StrategyName strategy, int budget, int step, double holdout, int seed) throws Exception {
        ObjectNode settings = JSON.createObjectNode();
        settings.put("name", d.name() + "-http-" + seed);
        settings.put("taskType", d.task() == TaskType.TEXT ? "TEXT" : d.task().name());
        ArrayNode labels = settings.putArray("labels");
        d.labels().stream().distinct().sorted().forEach(labels::add);
        settings.put("strategy", strategy.name());
        settings.put("batchSize", step);
        settings.put("retrainEvery", step);
        settings.put("holdoutFraction", holdout);
        settings.put("budget", budget);
        if (TEXT_REPRESENTATION != null && d.task() == TaskType.TEXT) {
            settings.put("textRepresentation", TEXT_REPRESENTATION);
        }
        long project = send("POST", base + "/api/v1/projects", token, settings.toString(), "application/json").get("id").asLong();
        send("POST", base + "/api/v1/projects/" + project + "/items", token, uploadCsv(d, split, rows), "text/csv");
        if (d.task() == TaskType.TEXT && TEXT_REPRESENTATION != null && !TEXT_REPRESENTATION.equals("NGRAMS")) {
            // Labeling starts once the background job has embedded the pool (a user would start at once, on n-grams).
            long waitStart = System.nanoTime();
            while (!send("GET", base + "/api/v1/projects/" + project + "/embeddings", token, null, null).get("state").asString()
                    .equals("READY")) {
                Thread.sleep(1000);
            }
            System.err.printf(Locale.ROOT, "%s seed %d: pool embedded in %.0f s%n", d.name(), seed, (System.nanoTime() - waitStart) / 1e9);
        }
        for (int i = 0; i < 50 && send("GET", base + "/api/v1/projects/" + project + "/stats", token, null, null)
                .get("queued").asLong() < step; i++) {
            Thread.sleep(200); // the scheduled job seeds the queue (cold start)
        }
        double[] curve = new double[budget / step];
        for (int round = 0; round < curve.length; round++) {
            JsonNode claimed = send("POST", base + "/api/v1/projects/" + project + "/queue/claims", token,
                    "{\"count\":" + step + "}", "application/json").get("items");
            for (JsonNode item : claimed) {
                String truth = d.labels().get(d.ids().indexOf(item.get("externalId").asString()));
                send("POST", base + "/api/v1/projects/" + project + "/items/" + item.get("itemId").asLong() + "/labels",
                        token, JSON.writeValueAsString(java.util.Map.of("label", truth)), "application/json");
            }
            HttpResponse<String> trained = raw("POST", base + "/api/v1/projects/" + project + "/training-runs?wait=true", token, "", "application/json");
            curve[round] = trained.statusCode() == 200 ? testAccuracy(base, token, project, d, split, rows) : Double.NaN;
        }
        for (int i = 0; i < curve.length; i++) { // before two classes: what the in-process run scores as majority guess
            curve[i] = Double.isNaN(curve[i]) ? 0 : curve[i];
        }
        JsonNode stats = send("GET", base + "/api/v1/projects/" + project + "/stats", token, null, null);
        return new Run(curve, stats.get("holdoutLabeled").asDouble() / Math.max(1, stats.get("humanLabeled").asDouble()));
    }

    static double testAccuracy(String base, String token, long project, LabeledData d, Split split, List<CSVRecord> rows)
            throws Exception {
        ArrayNode items = JSON.createArrayNode();
        for (int i : split.testIndices()) {
            ObjectNode item = items.addObject();
            item.put("externalId", d.ids().get(i));
            if (d.task() == TaskType.TEXT) {
                item.put("text", d.rawTexts().get(i));
            } else {
                ArrayNode f = item.putArray("features");
                CSVRecord r = rows.get(i);
                for (int j = 2; j < r.size(); j++) {
                    f.add(r.get(j).isEmpty() || r.get(j).equals("NA") ? null : Double.valueOf(r.get(j)));
                }
            }
        }
        JsonNode predicted = send("POST", base + "/api/v1/projects/" + project + "/predictions", token, items.toString(), "application/json");
        int correct = 0;
        int k = 0;
        for (int i : split.testIndices()) {
            correct += predicted.get(k++).get("label").asString().equals(d.labels().get(i)) ? 1 : 0;
        }
        return correct / (double) split.testIndices().length;
    }

    static String uploadCsv(LabeledData d, Split split, List<CSVRecord> rows) {
        StringBuilder csv = new StringBuilder();
        if (d.task() == TaskType.TEXT) {
            csv.append("externalId,text\n");
            for (int i : split.pool()) {
                csv.append(quote(d.ids().get(i))).append(',').append(quote(d.rawTexts().get(i))).append('\n');
            }
            return csv.toString();
        }
        csv.append("externalId");
        for (int j = 2; j < rows.get(0).size(); j++) {
            csv.append(",f").append(j - 2);
        }
        csv.append('\n');
        for (int i : split.pool()) {
            CSVRecord r = rows.get(i);
            csv.append(quote(r.get(0)));
            for (int j = 2; j < r.size(); j++) {
                csv.append(',').append(r.get(j).equals("NA") ? "" : r.get(j));
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    static List<CSVRecord> rows(Path file) throws Exception {
        var raw = Files.newInputStream(file);
        var in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        try (Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
            return new ArrayList<>(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords());
        }
    }

    static JsonNode send(String method, String url, String token, String body, String type) throws Exception {
        HttpResponse<String> r = raw(method, url, token, body, type);
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + url + " -> " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    static HttpResponse<String> raw(String method, String url, String token, String body, String type) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token);
        if (body == null) {
            b.GET();
        } else {
            b.header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double mean(double[] a) {
        return Arrays.stream(a).average().orElse(0);
    }

    private static double sd(double[] a) {
        double m = mean(a);
        return Math.sqrt(Arrays.stream(a).map(x -> (x - m) * (x - m)).sum() / Math.max(1, a.length - 1));
    }
}
