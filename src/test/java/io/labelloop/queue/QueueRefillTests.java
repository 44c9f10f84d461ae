package io.labelloop.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.support.ApiTest;
import io.labelloop.support.Datasets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * While a cycle replaces the queue (its write transaction is open), claims keep getting ranked items with the
 * model's suggestion: they wait for the refill's commit instead of queueing fallback items without one.
 */
class QueueRefillTests extends ApiTest {

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
            board.replace(p, next); // the cycle's refill, not committed yet
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
