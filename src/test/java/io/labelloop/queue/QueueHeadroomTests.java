package io.labelloop.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.project.ProjectAccess;
import io.labelloop.queue.internal.ClaimService;
import io.labelloop.support.ApiTest;
import io.labelloop.support.Datasets;
import io.labelloop.support.ProjectApi;
import io.labelloop.training.internal.TrainingScheduler;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.JsonNode;

/**
 * A cycle queues the strategy's next-best picks behind its batch (headroom), so that claims keep getting ranked items
 * while the next cycle runs; a claim that reaches them tells the training module at once, and the next cycle is due.
 */
@RecordApplicationEvents
class QueueHeadroomTests extends ApiTest {

    @Autowired
    TrainingScheduler scheduler;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ClaimService claims;

    @Autowired
    ProjectAccess projects;

    @Autowired
    ApplicationEvents events;

    private final Datasets.Oracle iris = Datasets.tabular("/learning/iris.csv");

    @Test
    void shouldQueueTheStrategysNextBestPicksBehindTheBatchWhileAnnotatorsLabel() {
        ProjectApi p = projectWithModel(Map.of());

        List<Map<String, Object>> entries = freeEntries(p.id());
        long headroom = entries.stream().filter(e -> ((Number) e.get("rank")).intValue() > 10).count();
        assertThat(entries.stream().filter(e -> ((Number) e.get("rank")).intValue() <= 10)).as("the batch").hasSize(10);
        assertThat(headroom).as("picks behind the batch: at least a quarter batch").isGreaterThanOrEqualTo(2)
                .isLessThanOrEqualTo(40);
        assertThat(entries.stream().filter(e -> ((Number) e.get("rank")).intValue() > 10))
                .allSatisfy(e -> {
                    assertThat(e.get("reason")).isEqualTo("STRATEGY");
                    assertThat(e.get("prediction")).as("with the model's suggestion").isNotNull();
                });
        assertThat(latestModel(p.id()).get("provenance").get("scoring").get("headroom").asLong()).isEqualTo(headroom);

        // the batch and its headroom, claimed one by one before any cycle runs: ranked items only, no fallback
        for (int i = 0; i < 10 + headroom; i++) {
            JsonNode items = p.claimItems(1);
            assertThat(items).hasSize(1);
            assertThat(items.get(0).get("reason").asString()).as("claim " + (i + 1)).isIn("STRATEGY", "EXPLORATION");
            assertThat(items.get(0).get("prediction").isNull()).isFalse();
        }
        assertThat(jdbc.sql("select count(*) from queue_entries where project_id = ? and reason = 'FALLBACK'")
                .param(p.id()).query(Long.class).single()).as("no fallback entries queued").isZero();
    }

    @Test
    void shouldStartTheNextCycleBeforeTheRankedQueueRunsOutWhenClaimsReachTheHeadroom() {
        ProjectApi p = projectWithModel(Map.of("retrainEvery", 1000));
        int v1 = latestModel(p.id()).get("version").asInt();

        assertThat(p.labelByOracle(9, iris.truth())).isEqualTo(9);
        scheduler.runDue(p.id());
        assertThat(latestModel(p.id()).get("version").asInt()).as("one batch entry left: not due").isEqualTo(v1);

        // the tenth claim takes the batch's last entry; the eleventh reaches the headroom, and says so at once
        assertThat(p.labelByOracle(1, iris.truth())).isEqualTo(1);
        // the signal goes out at most once a second per project, and the claims past the cold-start seed sent one
        // moments ago: wait that second out, so the claim below is the one that signals
        sleepPastTheDrySignalGap();
        events.clear();
        var claimed = claims.claim(projects.get(p.id()), userId(), 1);
        assertThat(claimed.items()).hasSize(1);
        assertThat(claimed.items().getFirst().reason()).isEqualTo(QueueReason.STRATEGY);
        assertThat(events.stream(QueueRanDry.class).map(QueueRanDry::projectId)).as("the batch is used up").contains(p.id());
        long rankedLeft = jdbc.sql("""
                select count(*) from queue_entries where project_id = ? and reason = 'STRATEGY'
                and (lease_expires_at is null or lease_expires_at < now())""").param(p.id()).query(Long.class).single();
        assertThat(rankedLeft).as("ranked items still queued for the time the cycle takes").isPositive();

        scheduler.runDue(p.id());

        assertThat(latestModel(p.id()).get("version").asInt()).as("the batch used up: due although retrainEvery is 1000")
                .isEqualTo(v1 + 1);
    }

    @Test
    void shouldNotRetrainWhenTheBatchIsUsedUpWithoutNewLabels() {
        ProjectApi p = projectWithModel(Map.of("retrainEvery", 1000));
        int v1 = latestModel(p.id()).get("version").asInt();

        for (int i = 0; i < 12; i++) {
            assertThat(p.claimItems(1)).hasSize(1); // claimed, not labeled: nothing to learn from yet
        }
        scheduler.runDue(p.id());

        assertThat(latestModel(p.id()).get("version").asInt()).isEqualTo(v1);
    }

    /** An iris project (batch 10, no holdout) with 20 human labels given just now and a first model. */
    private ProjectApi projectWithModel(Map<String, ?> extra) {
        ProjectApi p = irisProject(iris, extra);
        scheduler.runDue(p.id());
        assertThat(p.labelByOracle(20, iris.truth())).isEqualTo(20);
        scheduler.runDue(p.id());
        assertThat(latestModel(p.id()).get("version").asInt()).isEqualTo(1);
        return p;
    }

    private static void sleepPastTheDrySignalGap() {
        try {
            Thread.sleep(1_100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long userId() {
        return jdbc.sql("select id from users where username = 'admin'").query(Long.class).single();
    }

    private List<Map<String, Object>> freeEntries(long project) {
        return jdbc.sql("""
                select rank, reason, prediction::text as prediction from queue_entries
                where project_id = ? and not holdout and (lease_expires_at is null or lease_expires_at < now())
                order by rank""").param(project).query().listOfRows();
    }
}
