package io.labelloop.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.support.Api.Response;
import io.labelloop.support.ApiTest;
import io.labelloop.training.internal.TrainingScheduler;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The holdout keeps the share the lead set, whatever path claims hand items out by (cold-start seeds,
 * fallbacks, ranked batches), and stays a uniform random sample of the pool.
 */
class HoldoutShareTests extends ApiTest {

    @Autowired
    TrainingScheduler scheduler;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    /** Items on a plane with a known boundary: {@code pos} when x + y > 1; the model ranks the items near it first. */
    private record Plane(long project, Map<String, double[]> points) {

        String truth(String externalId) {
            double[] p = points.get(externalId);
            return p[0] + p[1] > 1 ? "pos" : "neg";
        }

        /** Distance to the boundary: the uncertainty strategy asks about small ones first. */
        double margin(String externalId) {
            double[] p = points.get(externalId);
            return Math.abs(p[0] + p[1] - 1);
        }
    }

    private Plane plane(int items, long seed, Map<String, Object> extra) {
        Map<String, Object> settings = new HashMap<>(Map.of("name", "plane", "taskType", "TABULAR", "labels", List.of("neg", "pos"),
                "batchSize", 20, "retrainEvery", 50, "holdoutFraction", 0.3));
        settings.putAll(extra);
        var created = api().post("/api/v1/projects", ADMIN, settings);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        Random random = new Random(seed);
        Map<String, double[]> points = new HashMap<>();
        StringBuilder csv = new StringBuilder("externalId,x,y\n");
        for (int i = 0; i < items; i++) {
            double[] p = {random.nextDouble(), random.nextDouble()};
            points.put("p" + i, p);
            csv.append("p").append(i).append(',').append(p[0]).append(',').append(p[1]).append('\n');
        }
        var upload = api().postRaw("/api/v1/projects/" + id + "/items", ADMIN, "text/csv", csv.toString());
        assertThat(upload.json().get("created").asLong()).as(upload.toString()).isEqualTo(items);
        return new Plane(id, points);
    }

    private Response claim(long project, String token, int count) {
        return api().post("/api/v1/projects/" + project + "/queue/claims", token, Map.of("count", count));
    }

    /**
     * The run: claims of 20 labeled in full, a cycle whenever a scheduler tick finds one due
     * (at the start, then after each 50 labels). Calls back after each claim with the labels so far;
     * returns the reasons the claims gave, by external id.
     */
    private Map<String, String> labelThroughClaims(Plane plane, int labels, Runnable afterEachClaim) {
        Map<String, String> reasons = new HashMap<>();
        scheduler.runDue(plane.project());
        int done = 0;
        int sinceCycle = 0;
        while (done < labels) {
            JsonNode items = claim(plane.project(), ADMIN, 20).json().get("items");
            assertThat(items).as("the pool still has items").isNotEmpty();
            for (JsonNode item : items) {
                String externalId = item.get("externalId").asString();
                reasons.put(externalId, item.get("reason").asString());
                var r = api().post("/api/v1/projects/" + plane.project() + "/items/" + item.get("itemId").asLong() + "/labels",
                        ADMIN, Map.of("label", plane.truth(externalId)));
                assertThat(r.status()).as(r.toString()).isEqualTo(201);
                done++;
                sinceCycle++;
            }
            if (sinceCycle >= 50) {
                scheduler.runDue(plane.project());
                sinceCycle = 0;
            }
            afterEachClaim.run();
        }
        return reasons;
    }

    private double holdoutShare(long project) {
        JsonNode stats = api().get("/api/v1/projects/" + project + "/stats", ADMIN).json();
        return stats.get("holdoutLabeled").asDouble() / stats.get("humanLabeled").asDouble();
    }

    @Test
    void shouldKeepTheHoldoutShareTheLeadSetThroughSeedsFallbacksAndCycles() {
        Plane plane = plane(1000, 7, Map.of());
        List<String> outside = new ArrayList<>();
        labelThroughClaims(plane, 400, () -> {
            JsonNode stats = api().get("/api/v1/projects/" + plane.project() + "/stats", ADMIN).json();
            long human = stats.get("humanLabeled").asLong();
            double share = stats.get("holdoutLabeled").asDouble() / human;
            if (human >= 100 && (share < 0.24 || share > 0.36)) {
                outside.add(share + " at " + human + " labels");
            }
        });

        assertThat(outside).as("holdout shares outside 0.3 +- 20% once 100 labels exist").isEmpty();
        assertThat(holdoutShare(plane.project())).isBetween(0.24, 0.36);
        assertThat(api().get("/api/v1/projects/" + plane.project() + "/stats", ADMIN).json().get("modelVersion").asInt())
                .as("cycles ran in between").isGreaterThan(1);
    }

    @Test
    void shouldHandOutTheHoldoutShareOneItemClaimAtATimeWithAndWithoutABudget() {
        for (Map<String, Object> extra : List.<Map<String, Object>>of(Map.of(), Map.of("budget", 500))) {
            Plane plane = plane(300, 11, extra);
            scheduler.runDue(plane.project());
            for (int labeled = 1; labeled <= 60; labeled++) {
                JsonNode item = claim(plane.project(), ADMIN, 1).json().get("items").get(0);
                var r = api().post("/api/v1/projects/" + plane.project() + "/items/" + item.get("itemId").asLong() + "/labels",
                        ADMIN, Map.of("label", plane.truth(item.get("externalId").asString())));
                assertThat(r.status()).as(r.toString()).isEqualTo(201);
                long held = api().get("/api/v1/projects/" + plane.project() + "/stats", ADMIN).json().get("holdoutLabeled").asLong();
                assertThat(held).as("holdout labels after %d labels, %s", labeled, extra)
                        .isBetween((long) Math.floor(0.3 * labeled), (long) Math.ceil(0.3 * labeled));
            }
        }
    }

    @Test
    void shouldDrawTheHoldoutUniformlyFromThePoolNotFromTheStrategysTop() {
        Plane plane = plane(5000, 11, Map.of("strategy", "MARGIN"));
        Map<String, String> reasons = labelThroughClaims(plane, 400, () -> {
        });

        List<String> holdout = jdbc.sql("""
                select i.external_id from labels l join items i on i.id = l.item_id
                where l.project_id = ? and l.source = 'HUMAN' and l.holdout""").param(plane.project()).query(String.class).list();
        double[] pool = plane.points().keySet().stream().mapToDouble(plane::margin).toArray();
        double[] heldOut = holdout.stream().mapToDouble(plane::margin).toArray();
        double[] ranked = reasons.entrySet().stream().filter(e -> e.getValue().equals("STRATEGY"))
                .mapToDouble(e -> plane.margin(e.getKey())).toArray();
        assertThat(heldOut.length).isBetween(96, 144);
        // The bound: a uniform sample of about 120 exceeds it with odds below 1 in 1,000, even allowing for
        // the near-boundary items the strategy took out of the pool meanwhile (a shift of at most 0.06).
        assertThat(ks(heldOut, pool)).as("KS distance of the holdout's margins from the pool's").isLessThan(0.22);
        // The ranked items include each cycle's headroom (the next-best picks behind the batch, taken while the next
        // cycle runs), whose number depends on the label rate and the cycle time. From about 150 labels the model's
        // doubt (1 - p(1)) about every item left in the pool is below 1e-9, and the strategy still ranks them by it;
        // measured 0.85 with the machine busy, at least 0.4 sets them far apart from the holdout's bound.
        assertThat(ks(ranked, pool)).as("the check tells a strategy-ranked sample from the pool").isGreaterThan(0.4);
        assertThat(reasons.keySet()).as("no holdout item came from the strategy's ranking")
                .filteredOn(id -> holdout.contains(id)).allSatisfy(id -> assertThat(reasons.get(id)).isEqualTo("HOLDOUT"));
    }

    /** Two-sample Kolmogorov-Smirnov distance: the largest gap between the two empirical distribution functions. */
    private static double ks(double[] a, double[] b) {
        double[] x = a.clone();
        double[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        double d = 0;
        int i = 0;
        int j = 0;
        while (i < x.length && j < y.length) {
            double v = Math.min(x[i], y[j]);
            while (i < x.length && x[i] <= v) {
                i++;
            }
            while (j < y.length && y[j] <= v) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / x.length - (double) j / y.length));
        }
        return d;
    }

    @Test
    void shouldHandOutHoldoutDrawsToConcurrentClaimersWithoutSharingOrWaitingOnTopUps() throws Exception {
        Plane plane = plane(2000, 5, Map.of("holdoutFraction", 0.5));
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String token = userWithToken("ANNOTATOR");
            api().post("/api/v1/projects/" + plane.project() + "/members", ADMIN, Map.of("username", usernameOf(token)));
            tokens.add(token);
        }
        assertThat(claim(plane.project(), ADMIN, 4).json().get("items")).hasSize(4); // tops up the first draws

        try (Connection stalled = dataSource.getConnection()) {
            // a claimer stalled mid-lease on every waiting draw: the others must top up rather than wait for it
            stalled.setAutoCommit(false);
            Set<Long> lockedDraws = new HashSet<>();
            try (var lock = stalled.prepareStatement("""
                    select item_id from queue_entries where project_id = ? and reason = 'HOLDOUT' and lease_owner is null
                    for update""")) {
                lock.setLong(1, plane.project());
                try (var rs = lock.executeQuery()) {
                    while (rs.next()) {
                        lockedDraws.add(rs.getLong(1));
                    }
                }
            }
            assertThat(lockedDraws).isNotEmpty();

            List<Callable<JsonNode>> claims = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String token = tokens.get(i % tokens.size());
                claims.add(() -> {
                    var r = claim(plane.project(), token, 5);
                    assertThat(r.status()).as(r.toString()).isEqualTo(200);
                    return r.json().get("items");
                });
            }
            List<JsonNode> results = allAtOnce(claims);
            stalled.rollback();

            List<Long> claimed = new ArrayList<>();
            long draws = 0;
            for (JsonNode items : results) {
                assertThat(items).hasSize(5);
                for (JsonNode item : items) {
                    claimed.add(item.get("itemId").asLong());
                    draws += item.get("reason").asString().equals("HOLDOUT") ? 1 : 0;
                }
            }
            assertThat(claimed).hasSize(120).doesNotHaveDuplicates().doesNotContainAnyElementsOf(lockedDraws);
            assertThat(draws).as("holdout draws handed out while the stalled claimer held the waiting ones").isBetween(30L, 90L);
        }
    }

    /** Runs the calls together (released at once) and returns their results; a call that never returns fails the test. */
    private static <T> List<T> allAtOnce(List<Callable<T>> calls) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<T> out = Collections.synchronizedList(new ArrayList<>());
        try (var pool = Executors.newFixedThreadPool(calls.size())) {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            for (Future<T> f : futures) {
                out.add(f.get(120, TimeUnit.SECONDS));
            }
        }
        return out;
    }
}
