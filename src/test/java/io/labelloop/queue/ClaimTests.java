package io.labelloop.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.shared.AdvisoryLocks;
import io.labelloop.shared.HotTableVacuum;
import io.labelloop.support.ApiTest;
import io.labelloop.support.Datasets;
import io.labelloop.support.Datasets.Oracle;
import io.labelloop.support.ProjectApi;
import io.labelloop.training.internal.TrainingScheduler;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Claims over HTTP: leases, the budget's reservations, expiry, skips, fallbacks and why a queue is empty. */
class ClaimTests extends ApiTest {

    @Autowired
    TrainingScheduler scheduler;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    private final Oracle iris = Datasets.tabular("/learning/iris.csv");

    @Test
    void shouldNotHandTheSameItemToTwoAnnotators() throws Exception {
        ProjectApi p = irisProject(iris, Map.of("batchSize", 100));
        scheduler.runDue(p.id());
        List<String> tokens = List.of(userWithToken("ANNOTATOR"), userWithToken("ANNOTATOR"), userWithToken("ANNOTATOR"),
                userWithToken("ANNOTATOR"));
        for (String t : tokens) {
            p.addMember(usernameOf(t));
        }

        List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
        try (var pool = Executors.newFixedThreadPool(32)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                ProjectApi annotator = p.as(tokens.get(i % tokens.size()));
                futures.add(pool.submit(() -> annotator.claimItems(4).forEach(item -> claimed.add(item.get("itemId").asLong()))));
            }
            for (var f : futures) {
                f.get();
            }
        }

        assertThat(claimed).hasSize(128).doesNotHaveDuplicates();
    }

    @Test
    void shouldCountOutstandingLeasesAgainstTheBudget() {
        ProjectApi p = irisProject(iris, Map.of("budget", 5));
        scheduler.runDue(p.id());

        var first = p.claim(3).json();
        var second = p.claim(3).json();
        var third = p.claim(3).json();

        assertThat(first.get("items").size()).isEqualTo(3);
        assertThat(second.get("items").size()).as("only 2 of the budget are not reserved").isEqualTo(2);
        assertThat(third.get("items").size()).isZero();
        assertThat(third.get("reason").asString()).isEqualTo("BUDGET_EXHAUSTED");
    }

    @Test
    void shouldServeClaimsWithoutWaitingOnTheBudgetLockUntilTheBudgetIsNearlySpent() throws Exception {
        // room for lock-free claims: test pool size (20) x largest claim (100) = 2,000 labels
        ProjectApi far = irisProject(iris, Map.of("budget", 2_000));
        ProjectApi near = irisProject(iris, Map.of("budget", 1_999));
        scheduler.runDue(far.id());
        scheduler.runDue(near.id());
        // the connection is closed first, so that a claim waiting on its locks ends before the pool waits for it
        try (var pool = Executors.newFixedThreadPool(2); Connection labeling = dataSource.getConnection()) {
            // a label post holding both budget locks until its commit
            labeling.setAutoCommit(false);
            for (long project : List.of(far.id(), near.id())) {
                try (var lock = labeling.prepareStatement("select pg_advisory_xact_lock(?, ?)")) {
                    lock.setInt(1, AdvisoryLocks.LABEL_BUDGET);
                    lock.setInt(2, Math.toIntExact(project));
                    lock.executeQuery().close();
                }
            }
            Future<Integer> farClaim = pool.submit(() -> far.claimItems(3).size());
            Future<Integer> nearClaim = pool.submit(() -> near.claimItems(3).size());

            assertThat(farClaim.get(10, TimeUnit.SECONDS)).as("2,000 left: no lock needed").isEqualTo(3);
            long waiting = 0;
            for (int i = 0; i < 100 && waiting == 0; i++) {
                Thread.sleep(100);
                waiting = jdbc.sql("""
                        select count(*) from pg_locks
                        where locktype = 'advisory' and not granted and classid = ? and objid = ?""")
                        .params(AdvisoryLocks.LABEL_BUDGET, near.id()).query(Long.class).single();
            }
            assertThat(waiting).as("with 1,999 left the claim waits for the budget lock").isEqualTo(1);
            assertThat(nearClaim.isDone()).isFalse();
            labeling.rollback();
            assertThat(nearClaim.get(10, TimeUnit.SECONDS)).isEqualTo(3);
        }
    }

    @Test
    void shouldReturnAnExpiredLeaseToTheQueue() {
        ProjectApi p = irisProject(iris, Map.of());
        scheduler.runDue(p.id());
        ProjectApi other = p.as(userWithToken("ANNOTATOR"));
        p.addMember(usernameOf(other.token()));
        long itemId = p.claimItems(1).get(0).get("itemId").asLong();
        assertThat(other.label(itemId, "setosa").status()).as("leased to someone else").isEqualTo(409);

        jdbc.sql("update queue_entries set lease_expires_at = now() - interval '1 second' where item_id = ?").param(itemId).update();

        List<Long> reclaimed = other.claimItems(10).valueStream().map(i -> i.get("itemId").asLong()).toList();
        assertThat(reclaimed).contains(itemId);
    }

    @Test
    void shouldVacuumTheHotTablesWithoutTruncatingThemUnderAnExclusiveLock() {
        // truncating a table's empty end pages takes an ACCESS EXCLUSIVE lock that every claim and label would wait for
        List<String> options = jdbc.sql("""
                select relname || ':' || array_to_string(reloptions, ',') from pg_class
                where relname in ('queue_entries', 'label_spend') and relnamespace = current_schema()::regnamespace
                order by relname""").query(String.class).list();
        assertThat(options).containsExactly("label_spend:vacuum_truncate=false", "queue_entries:vacuum_truncate=false");
    }

    @Test
    void shouldVacuumTheQueueOnceClaimsAndLabelsLeaveDeadRowsBehind() throws InterruptedException {
        ProjectApi p = irisProject(iris, Map.of("retrainEvery", 1000));
        scheduler.runDue(p.id());
        assertThat(p.labelByOracle(60, iris.truth())).isEqualTo(60);
        var lenient = new HotTableVacuum(jdbc, new HotTableVacuum.Settings(1_000_000_000, Duration.ofSeconds(2)));
        lenient.watch("queue_entries");
        var vacuum = new HotTableVacuum(jdbc, new HotTableVacuum.Settings(60, Duration.ofSeconds(2)));
        vacuum.watch("queue_entries");
        long vacuumsBefore = queueVacuums();

        assertThat(lenient.vacuumDue()).as("far fewer dead rows than its threshold").isEmpty();
        // each backend reports its dead rows to the statistics within a second or, when idle, ten
        List<String> vacuumed = List.of();
        for (long deadline = System.nanoTime() + 20_000_000_000L; vacuumed.isEmpty() && System.nanoTime() < deadline; ) {
            Thread.sleep(200);
            vacuumed = vacuum.vacuumDue();
        }

        assertThat(vacuumed).containsExactly("queue_entries");
        assertThat(queueVacuums()).isGreaterThan(vacuumsBefore);
        assertThat(p.claimItems(5).size()).as("the queue serves on").isEqualTo(5);
    }

    private long queueVacuums() {
        return jdbc.sql("select vacuum_count from pg_stat_user_tables where schemaname = current_schema() and relname = 'queue_entries'")
                .query(Long.class).single();
    }

    @Test
    void shouldSayWhyTheQueueIsEmpty() {
        ProjectApi noBudget = irisProject(iris, Map.of("budget", 0));
        assertThat(noBudget.claim(1).json().get("reason").asString()).isEqualTo("BUDGET_EXHAUSTED");

        ProjectApi stopped = irisProject(iris, Map.of());
        api().patch("/api/v1/projects/" + stopped.id(), ADMIN, Map.of("stopped", true));
        assertThat(stopped.claim(1).json().get("reason").asString()).isEqualTo("STOPPED");

        ProjectApi small = projectApi(project(ADMIN, "TEXT", "a", "b"));
        small.uploadCsv("externalId,text\n1,x\n2,y\n");
        for (JsonNode item : small.claimItems(5)) {
            small.label(item.get("itemId").asLong(), "a");
        }
        var empty = small.claim(1).json();
        assertThat(empty.get("items").isEmpty()).isTrue();
        assertThat(empty.get("reason").asString()).isEqualTo("POOL_EXHAUSTED");
    }

    @Test
    void shouldFallBackToUnrankedItemsRatherThanServeAnEmptyQueue() {
        ProjectApi p = irisProject(iris, Map.of());

        JsonNode items = p.claimItems(5);

        assertThat(items.size()).isEqualTo(5);
        assertThat(items.findValuesAsString("reason")).containsOnly("FALLBACK");
    }

    @Test
    void shouldRankASkippedItemLower() {
        ProjectApi p = irisProject(iris, Map.of());
        scheduler.runDue(p.id());
        long first = p.claimItems(1).get(0).get("itemId").asLong();

        assertThat(p.skip(first).status()).isEqualTo(204);

        List<Long> next = p.claimItems(9).valueStream().map(i -> i.get("itemId").asLong()).toList();
        assertThat(next).hasSize(9).doesNotContain(first);
    }
}
