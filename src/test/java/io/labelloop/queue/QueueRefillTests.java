package io.labelloop.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.support.ApiTest;
import io.labelloop.support.Datasets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * While a cycle replaces the queue, claims keep getting ranked items with the model's suggestion, and they do not
 * wait for the refill: it writes in short statements of its own, and claims pass over the entries one holds.
 */
class QueueRefillTests extends ApiTest {

    private static final long HOLD_MILLIS = 3_000;

    @Autowired
    QueueBoard board;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void shouldHandOutRankedItemsWithTheModelsSuggestionWhileACycleReplacesTheQueue() throws Exception {
        long p = projectWithModel();
        List<QueueEntryDraft> next = jdbc.sql("""
                select item_id, rank, score, reason, model_version, prediction::text from queue_entries
                where project_id = ? and not holdout order by rank desc""")
                .param(p)
                .query((rs, n) -> new QueueEntryDraft(rs.getLong(1), n, rs.getDouble(3), QueueReason.valueOf(rs.getString(4)),
                        false, rs.getInt(5), rs.getString(6)))
                .list();
        assertThat(next).isNotEmpty().allSatisfy(d -> assertThat(d.predictionJson()).isNotNull());

        var claim = new AtomicReference<CompletableFuture<JsonNode>>();
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            board.replace(p, next); // the cycle's refill, called while a transaction of the caller is open
            claim.set(CompletableFuture.supplyAsync(() ->
                    api().post("/api/v1/projects/" + p + "/queue/claims", ADMIN, Map.of("count", 3)).json()));
            sleep(500);
        });

        JsonNode items = claim.get().get(30, TimeUnit.SECONDS).get("items");
        assertThat(items).hasSize(3);
        for (JsonNode item : items) {
            assertThat(item.get("reason").asString()).as(item.toString()).isNotEqualTo("FALLBACK");
            assertThat(item.get("prediction").isNull()).as("the model's suggestion: " + item).isFalse();
        }
        assertThat(jdbc.sql("select count(*) from queue_entries where project_id = ? and reason = 'FALLBACK'")
                .param(p).query(Long.class).single()).as("no fallback entries queued").isZero();
    }

    @Test
    void shouldNotMakeAClaimWaitWhileARefillIsHeldUp() throws Exception {
        long p = projectWithModel();
        List<QueueEntryDraft> queued = jdbc.sql("""
                select item_id, rank, score, reason, model_version, prediction::text from queue_entries
                where project_id = ? and not holdout order by rank""")
                .param(p)
                .query((rs, n) -> new QueueEntryDraft(rs.getLong(1), rs.getInt(2), rs.getDouble(3), QueueReason.valueOf(rs.getString(4)),
                        false, rs.getInt(5), rs.getString(6)))
                .list();
        assertThat(queued).hasSizeGreaterThan(10);
        List<Long> unqueued = jdbc.sql("""
                select u.item_id from unlabeled_items u where u.project_id = ?
                and not exists (select 1 from queue_entries q where q.item_id = u.item_id) order by u.item_id limit 20""")
                .param(p).query(Long.class).list();
        assertThat(unqueued).hasSize(20);
        // the next batch: 20 new items first, then half of the queued ones re-ranked; the other half leaves
        List<QueueEntryDraft> next = new ArrayList<>();
        for (long id : unqueued) {
            next.add(new QueueEntryDraft(id, next.size() + 1, 0.9, QueueReason.STRATEGY, false, queued.getFirst().modelVersion(),
                    queued.getFirst().predictionJson()));
        }
        List<QueueEntryDraft> staying = queued.subList(0, queued.size() / 2);
        for (QueueEntryDraft d : staying) {
            next.add(new QueueEntryDraft(d.itemId(), next.size() + 1, d.score(), d.reason(), false, d.modelVersion(), d.predictionJson()));
        }
        long held = staying.stream().mapToLong(QueueEntryDraft::itemId).max().orElseThrow();

        // someone holds one of the entries the refill updates in place (say a label in a long transaction)
        var locked = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2); // the common pool may have one thread
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> new TransactionTemplate(transactions).executeWithoutResult(s -> {
            jdbc.sql("select 1 from queue_entries where item_id = ? for update").param(held).query().listOfRows();
            locked.countDown();
            sleep(HOLD_MILLIS);
        }), threads);
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> refill = CompletableFuture.runAsync(() -> board.replace(p, next), threads);
        awaitRefillWaitingForALock(refill);

        long started = System.nanoTime();
        JsonNode items = api().post("/api/v1/projects/" + p + "/queue/claims", ADMIN, Map.of("count", 3)).json().get("items");
        long claimMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(refill).as("the refill is still held up").isNotDone();
        assertThat(claimMillis).as("the claim did not wait for the refill").isLessThan(HOLD_MILLIS / 3);
        assertThat(items).hasSize(3);
        for (JsonNode item : items) {
            assertThat(item.get("reason").asString()).as(item.toString()).isNotEqualTo("FALLBACK");
            assertThat(item.get("prediction").isNull()).as("the model's suggestion: " + item).isFalse();
        }
        holder.get(30, TimeUnit.SECONDS);
        refill.get(30, TimeUnit.SECONDS);
        threads.shutdown();
        List<Long> batch = next.stream().map(QueueEntryDraft::itemId).toList();
        assertThat(jdbc.sql("""
                select count(*) from queue_entries where project_id = ? and not holdout and reason <> 'FALLBACK'
                and (lease_expires_at is null or lease_expires_at < now()) and not (item_id = any(?))""")
                .params(p, batch.toArray(Long[]::new)).query(Long.class).single())
                .as("the free entries left are the new batch's").isZero();
        assertThat(jdbc.sql("select rank from queue_entries where item_id = ?").param(staying.getFirst().itemId())
                .query(Integer.class).single()).as("an entry kept is re-ranked in place").isEqualTo(unqueued.size() + 1);
    }

    private void awaitRefillWaitingForALock(CompletableFuture<Void> refill) {
        for (int i = 0; i < 200; i++) {
            if (refill.isDone()) {
                refill.join(); // an error shows here
                throw new AssertionError("the refill did not wait for the held entry");
            }
            if (jdbc.sql("""
                    select exists (select 1 from pg_stat_activity where datname = current_database()
                                   and wait_event_type = 'Lock' and query like '%batch as (select t.*%')""")
                    .query(Boolean.class).single()) {
                return;
            }
            sleep(50);
        }
        throw new AssertionError("the refill never waited for the held entry");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A TABULAR project (no holdout draws) with 40 labels of two classes, 200 unlabeled items and a model. */
    private long projectWithModel() {
        long p = project(ADMIN, "TABULAR", "pos", "neg");
        assertThat(api().patch("/api/v1/projects/" + p, ADMIN, Map.of("holdoutFraction", 0)).status()).isEqualTo(200);
        List<Map<String, Object>> rows = new ArrayList<>(Datasets.separableRows(p, 40));
        Random random = new Random(p);
        for (int i = 0; i < 200; i++) {
            rows.add(Map.of("externalId", "u-" + i, "features", Map.of("x", random.nextGaussian(), "y", random.nextGaussian())));
        }
        var uploaded = api().post("/api/v1/projects/" + p + "/items", ADMIN, rows);
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(200);
        trainNow(p);
        return p;
    }
}
