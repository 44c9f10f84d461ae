package io.labelloop.learning.bench;

import static io.labelloop.learning.bench.HttpLabelEfficiency.raw;
import static io.labelloop.learning.bench.HttpLabelEfficiency.send;

import io.labelloop.bench.LabelErrorSimulation;
import io.labelloop.learning.TaskType;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Teams through the HTTP API (issue 18's benchmark): simulated annotators of accuracy 0.95, 0.85, 0.70 and one
 * answering at random (a wrong answer is a uniform other class), each a user with its own token, claim and label
 * items of a shared dataset; a reviewer (the admin) works the review queue.
 * <ul>
 * <li><b>consensus</b>: {@code judgmentsPerItem} 3 on at most {@code CONSENSUS_POOL} items, every item judged by
 * three of the four (whoever claims it); after a training run (which settles Dawid-Skene), the accuracy of the
 * final labels in the export against majority vote over the same judgments (ties: the first), and each annotator's
 * {@code estimatedAccuracy} from {@code GET /agreement}.</li>
 * <li><b>flags</b>: one annotator labels at most {@code FLAG_POOL} items with 10% of its labels flipped; after a
 * training run, precision and recall of the {@code SUSPECTED_ERROR} entries of {@code GET /review} (all, and the
 * top ones numbering 10% of the labels), the test accuracy of the model, and again after the reviewer posts the
 * true label on every flagged item and the model retrains.</li>
 * <li><b>overlap</b>: the same budget of judgments with {@code judgmentsPerItem} 1 and 2, items chosen by the
 * service's queue (default strategy, a training run every {@code STEP} judgments), each claim of 5 by one of the
 * four annotators at random: test accuracy of the last model and the share of right final labels.</li>
 * </ul>
 * Output: one Markdown row per dataset and part, medians over the seeds with the min-max range.
 * Usage: TeamsHttpBenchmark baseUrl adminToken seeds budget file...
 */
public final class TeamsHttpBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final double[] ACCURACY = {0.95, 0.85, 0.70, -1};
    private static final int CONSENSUS_POOL = 450;
    private static final int FLAG_POOL = 1000;
    private static final int MAX_TEST = 500;
    private static final int STEP = 30;
    private static final int CLAIM = 5;

    private final String base;
    private final String admin;
    private final List<String> users = new ArrayList<>();
    private final List<String> tokens = new ArrayList<>();

    private TeamsHttpBenchmark(String base, String admin) {
        this.base = base;
        this.admin = admin;
    }

    public static void main(String[] args) throws Exception {
        TeamsHttpBenchmark b = new TeamsHttpBenchmark(args[0], args[1]);
        int seeds = Integer.parseInt(args[2]);
        int budget = Integer.parseInt(args[3]);
        b.createAnnotators();
        List<String> consensus = new ArrayList<>();
        List<String> flags = new ArrayList<>();
        List<String> overlap = new ArrayList<>();
        for (int f = 4; f < args.length; f++) {
            Path file = Path.of(args[f]);
            LabeledData d = LabeledData.load(file);
            List<CSVRecord> rows = HttpLabelEfficiency.rows(file);
            List<double[]> c = new ArrayList<>();
            List<double[]> fl = new ArrayList<>();
            List<double[]> ov = new ArrayList<>();
            for (int s = 0; s < seeds; s++) {
                c.add(b.consensus(d, rows, s));
                fl.add(b.flags(d, rows, s));
                ov.add(b.overlap(d, rows, s, budget));
                System.err.printf(Locale.ROOT, "%s seed %d: consensus %s flags %s overlap %s%n", d.name(), s,
                        Arrays.toString(c.getLast()), Arrays.toString(fl.getLast()), Arrays.toString(ov.getLast()));
            }
            consensus.add(row(d.name(), c, j -> j < 1 ? "%.0f" : "%.3f"));
            flags.add(row(d.name(), fl, j -> j < 2 ? "%.0f" : "%.3f"));
            overlap.add(row(d.name(), ov, j -> "%.3f"));
        }
        System.out.println("\nConsensus, 3 judgments per item (median, min-max over " + seeds + " seeds)\n");
        System.out.println("| set | items | majority | Dawid-Skene | est. 0.95 | est. 0.85 | est. 0.70 | est. random |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        consensus.forEach(System.out::println);
        System.out.println("\nSuspected errors, 10% of labels flipped\n");
        System.out.println("| set | labeled | flagged | precision | recall | precision top 10% | recall top 10% | acc. before | acc. after review |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        flags.forEach(System.out::println);
        System.out.println("\nOverlap 1 vs 2 at a budget of " + budget + " judgments, items from the queue\n");
        System.out.println("| set | test acc. overlap 1 | test acc. overlap 2 | right final labels overlap 1 | right final labels overlap 2 |");
        System.out.println("|---|---|---|---|---|");
        overlap.forEach(System.out::println);
    }

    /** Four annotator users with their own tokens (new names each run, so runs can share a database). */
    private void createAnnotators() throws Exception {
        String prefix = "sim" + Long.toString(System.currentTimeMillis(), 36);
        for (int a = 0; a < ACCURACY.length; a++) {
            String name = prefix + "-" + (ACCURACY[a] < 0 ? "random" : "a" + Math.round(ACCURACY[a] * 100));
            post("/api/v1/users", admin, Map.of("username", name, "password", "password-" + name, "role", "ANNOTATOR"));
            users.add(name);
            tokens.add(post("/api/v1/users/" + name + "/tokens", admin, Map.of("name", "bench")).get("token").asString());
        }
    }

    /** [items, majority accuracy, Dawid-Skene accuracy, estimated accuracy of each annotator]. */
    private double[] consensus(LabeledData d, List<CSVRecord> rows, int seed) throws Exception {
        Split split = Split.stratified(d, 0.25, MAX_TEST, CONSENSUS_POOL, 42 + seed);
        Random rnd = new Random(1000L + seed);
        long project = project(d, split, rows, "consensus-" + seed, Map.of("judgmentsPerItem", 3,
                "batchSize", split.pool().size(), "retrainEvery", 100_000, "budget", 3 * split.pool().size()));
        Project p = new Project(project, d, index(d));
        Map<String, List<String>> judgments = new LinkedHashMap<>();
        label(p, -1, rnd, (a, externalId, truth) -> {
            String answer = answer(a, truth, p.classes(), rnd);
            judgments.computeIfAbsent(externalId, k -> new ArrayList<>()).add(answer);
            return answer;
        }, 0);
        train(project);
        Map<String, String> finals = finalLabels(project);
        int items = 0;
        int majority = 0;
        int ds = 0;
        for (var e : judgments.entrySet()) {
            if (e.getValue().size() < 3) {
                continue;
            }
            String truth = p.truth(e.getKey());
            items++;
            majority += majority(e.getValue()).equals(truth) ? 1 : 0;
            ds += truth.equals(finals.get(e.getKey())) ? 1 : 0;
        }
        JsonNode agreement = send("GET", base + "/api/v1/projects/" + project + "/agreement", admin, null, null);
        double[] out = new double[3 + ACCURACY.length];
        out[0] = items;
        out[1] = (double) majority / items;
        out[2] = (double) ds / items;
        for (JsonNode a : agreement.get("annotators")) {
            int i = users.indexOf(a.get("username").asString());
            JsonNode est = a.get("estimatedAccuracy");
            out[3 + i] = est == null || est.isNull() ? Double.NaN : est.asDouble();
        }
        return out;
    }

    /** [labeled, flagged, precision, recall, precision top 10%, recall top 10%, accuracy before, after the review]. */
    private double[] flags(LabeledData d, List<CSVRecord> rows, int seed) throws Exception {
        Split split = Split.stratified(d, 0.25, MAX_TEST, FLAG_POOL, 42 + seed);
        Random rnd = new Random(2000L + seed);
        List<Integer> order = new ArrayList<>(split.pool());
        java.util.Collections.shuffle(order, rnd);
        Set<String> flipped = new HashSet<>();
        order.subList(0, split.pool().size() / 10).forEach(i -> flipped.add(d.ids().get(i)));
        long project = project(d, split, rows, "flags-" + seed, Map.of("batchSize", split.pool().size(), "retrainEvery", 100_000));
        Project p = new Project(project, d, index(d));
        Map<Long, String> externalIds = new HashMap<>();
        label(p, 0, rnd, (a, externalId, truth) -> flipped.contains(externalId) ? LabelErrorSimulation.other(p.classes(), truth, rnd) : truth,
                externalIds, 0);
        train(project);
        double before = HttpLabelEfficiency.testAccuracy(base, admin, project, d, split, rows);
        JsonNode review = send("GET", base + "/api/v1/projects/" + project + "/review?limit=1000", admin, null, null);
        int top = externalIds.size() / 10;
        int flagged = 0;
        int hits = 0;
        int topHits = 0;
        for (JsonNode r : review) {
            if (!r.get("reason").asString().equals("SUSPECTED_ERROR")) {
                continue;
            }
            String externalId = externalIds.get(r.get("itemId").asLong());
            boolean hit = flipped.contains(externalId);
            hits += hit ? 1 : 0;
            topHits += hit && flagged < top ? 1 : 0;
            flagged++;
            post("/api/v1/projects/" + project + "/items/" + r.get("itemId").asLong() + "/review", admin,
                    Map.of("label", p.truth(externalId)));
        }
        train(project);
        double after = HttpLabelEfficiency.testAccuracy(base, admin, project, d, split, rows);
        return new double[] {externalIds.size(), flagged, flagged == 0 ? Double.NaN : (double) hits / flagged,
                (double) hits / flipped.size(), flagged == 0 ? Double.NaN : (double) topHits / Math.min(top, flagged),
                (double) topHits / flipped.size(), before, after};
    }

    /** [test accuracy overlap 1, overlap 2, share of right final labels overlap 1, overlap 2]. */
    private double[] overlap(LabeledData d, List<CSVRecord> rows, int seed, int budget) throws Exception {
        Split split = Split.stratified(d, 0.25, MAX_TEST, 2000, 42 + seed);
        double[] out = new double[4];
        for (int o = 1; o <= 2; o++) {
            Random rnd = new Random(3000L + seed);
            long project = project(d, split, rows, "overlap" + o + "-" + seed, Map.of("judgmentsPerItem", o,
                    "batchSize", STEP, "retrainEvery", STEP, "budget", budget));
            Project p = new Project(project, d, index(d));
            label(p, -1, rnd, (a, externalId, truth) -> answer(a, truth, p.classes(), rnd), STEP);
            train(project);
            out[o - 1] = HttpLabelEfficiency.testAccuracy(base, admin, project, d, split, rows);
            Map<String, String> finals = finalLabels(project);
            out[o + 1] = finals.entrySet().stream().filter(e -> e.getValue().equals(p.truth(e.getKey()))).count()
                    / (double) finals.size();
        }
        return out;
    }

    private interface Annotator {
        String label(int annotator, String externalId, String truth);
    }

    private record Project(long id, LabeledData data, Map<String, Integer> index) {
        String truth(String externalId) {
            return data.labels().get(index.get(externalId));
        }

        List<String> classes() {
            return new ArrayList<>(new TreeSet<>(data.labels()));
        }
    }

    private void label(Project p, int only, Random rnd, Annotator annotator, int step) throws Exception {
        label(p, only, rnd, annotator, new HashMap<>(), step);
    }

    /**
     * Claims and labels until the queue has nothing more: each claim by annotator {@code only} (or, at -1, one of
     * the four at random), a training run every {@code step} judgments (0: none) and whenever a claim comes back empty with
     * no reason (the queue needs a refill). Fills {@code externalIds} with the items labeled.
     */
    private void label(Project p, int only, Random rnd, Annotator annotator, Map<Long, String> externalIds, int step)
            throws Exception {
        int sinceTraining = 0;
        int emptyInARow = 0;
        while (emptyInARow < 3 * ACCURACY.length) {
            int a = only >= 0 ? only : emptyInARow > 0 ? emptyInARow % ACCURACY.length : rnd.nextInt(ACCURACY.length);
            JsonNode claim = post("/api/v1/projects/" + p.id() + "/queue/claims", tokens.get(a), Map.of("count", CLAIM));
            JsonNode items = claim.get("items");
            if (items.isEmpty()) {
                if (claim.get("reason").asString().equals("BUDGET_EXHAUSTED")) {
                    return;
                }
                // POOL_EXHAUSTED also while a cycle rewrites the queue, or for the only annotators left who judged the
                // items still queued: believed after a pause and a refill, and once every annotator has asked
                emptyInARow++;
                if (emptyInARow % ACCURACY.length == 0) {
                    Thread.sleep(500);
                    train(p.id());
                    sinceTraining = 0;
                }
                continue;
            }
            emptyInARow = 0;
            for (JsonNode item : items) {
                String externalId = item.get("externalId").asString();
                long itemId = item.get("itemId").asLong();
                externalIds.put(itemId, externalId);
                String label = annotator.label(a, externalId, p.truth(externalId));
                HttpResponse<String> r = raw("POST", base + "/api/v1/projects/" + p.id() + "/items/" + itemId + "/labels",
                        tokens.get(a), JSON.writeValueAsString(Map.of("label", label)), "application/json");
                if (r.statusCode() >= 300 && r.statusCode() != 409) {
                    throw new IllegalStateException("label " + itemId + " -> " + r.statusCode() + " " + r.body());
                }
                sinceTraining++;
            }
            if (step > 0 && sinceTraining >= step) {
                train(p.id());
                sinceTraining = 0;
            }
        }
    }

    private long project(LabeledData d, Split split, List<CSVRecord> rows, String name, Map<String, Object> extra)
            throws Exception {
        ObjectNode settings = JSON.createObjectNode();
        settings.put("name", d.name() + "-teams-" + name);
        settings.put("taskType", d.task() == TaskType.TEXT ? "TEXT" : d.task().name());
        ArrayNode labels = settings.putArray("labels");
        new TreeSet<>(d.labels()).forEach(labels::add);
        settings.put("holdoutFraction", 0);
        extra.forEach((k, v) -> settings.set(k, JSON.valueToTree(v)));
        long project = send("POST", base + "/api/v1/projects", admin, settings.toString(), "application/json").get("id").asLong();
        send("POST", base + "/api/v1/projects/" + project + "/items", admin, HttpLabelEfficiency.uploadCsv(d, split, rows), "text/csv");
        for (String user : users) {
            HttpResponse<String> r = raw("POST", base + "/api/v1/projects/" + project + "/members", admin,
                    JSON.writeValueAsString(Map.of("username", user)), "application/json");
            if (r.statusCode() >= 300) {
                throw new IllegalStateException("member " + user + " -> " + r.statusCode() + " " + r.body());
            }
        }
        for (int i = 0; i < 600 && send("GET", base + "/api/v1/projects/" + project + "/stats", admin, null, null)
                .get("queued").asLong() == 0; i++) {
            Thread.sleep(200); // the scheduled job seeds the queue (cold start)
        }
        return project;
    }

    /** A training run (consensus, model, queue, suspected errors), again while another cycle of the project runs. */
    private void train(long project) throws Exception {
        for (int attempt = 0; attempt < 120; attempt++) {
            HttpResponse<String> r = raw("POST", base + "/api/v1/projects/" + project + "/training-runs?wait=true", admin, "",
                    "application/json");
            if (r.statusCode() == 200 || (r.statusCode() == 409 && r.body().contains("at least two"))) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("no training run of project " + project);
    }

    /** Final label of every labeled item, from the export. */
    private Map<String, String> finalLabels(long project) throws Exception {
        HttpResponse<String> r = raw("GET", base + "/api/v1/projects/" + project + "/export?format=jsonl", admin, null, null);
        Map<String, String> out = new HashMap<>();
        for (String line : r.body().split("\n")) {
            if (!line.isBlank()) {
                JsonNode row = JSON.readTree(line);
                out.put(row.get("externalId").asString(), row.get("label").asString());
            }
        }
        return out;
    }

    private JsonNode post(String path, String token, Map<String, ?> body) throws Exception {
        return send("POST", base + path, token, JSON.writeValueAsString(body), "application/json");
    }

    private static Map<String, Integer> index(LabeledData d) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < d.size(); i++) {
            index.put(d.ids().get(i), i);
        }
        return index;
    }

    private static String majority(List<String> votes) {
        Map<String, Integer> count = new LinkedHashMap<>();
        votes.forEach(v -> count.merge(v, 1, Integer::sum));
        String best = votes.getFirst();
        for (var e : count.entrySet()) {
            best = e.getValue() > count.get(best) ? e.getKey() : best;
        }
        return best;
    }

    private static String answer(int annotator, String truth, List<String> classes, Random rnd) {
        return LabelErrorSimulation.answer(ACCURACY[annotator], truth, classes, rnd);
    }

    /** "name | median (min-max) | ..." over the seeds' results. */
    private static String row(String name, List<double[]> runs, IntFunction<String> format) {
        StringBuilder s = new StringBuilder("| ").append(name);
        for (int j = 0; j < runs.getFirst().length; j++) {
            int col = j;
            double[] v = runs.stream().mapToDouble(r -> r[col]).filter(x -> !Double.isNaN(x)).sorted().toArray();
            if (v.length == 0) {
                s.append(" | n/a");
                continue;
            }
            double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
            String f = format.apply(j);
            s.append(" | ").append(String.format(Locale.ROOT, f, median));
            if (v.length > 1 && v[0] != v[v.length - 1]) {
                s.append(String.format(Locale.ROOT, " (" + f + "-" + f + ")", v[0], v[v.length - 1]));
            }
        }
        return s.append(" |").toString();
    }
}
