package io.labelloop.training.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.support.ApiTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A training run whose instance stopped mid-cycle ends as FAILED with a reason instead of RUNNING forever. */
class InterruptedRunsTests extends ApiTest {

    @Autowired
    InterruptedRuns interruptedRuns;

    @Autowired
    LiveInstances instances;

    @Autowired
    JdbcClient jdbc;

    @Test
    void shouldFailTheRunsOfAStoppedInstanceAndKeepTheRunsOfALiveOne() {
        long p = project(ADMIN, "TABULAR");
        int deadInstance = instances.id() == 7 ? 8 : 7; // nobody holds the lock of this id
        long orphan = running(p, deadInstance);
        long live = running(p, instances.id());

        interruptedRuns.sweep();

        var orphanRun = api().get("/api/v1/projects/" + p + "/training-runs/" + orphan, ADMIN);
        assertThat(orphanRun.status()).as(orphanRun.toString()).isEqualTo(200);
        assertThat(orphanRun.json().get("status").asString()).isEqualTo("FAILED");
        assertThat(orphanRun.json().get("message").asString()).isEqualTo("interrupted: the instance running it stopped");
        assertThat(orphanRun.json().get("finishedAt").isNull()).isFalse();
        var liveRun = api().get("/api/v1/projects/" + p + "/training-runs/" + live, ADMIN).json();
        assertThat(liveRun.get("status").asString()).isEqualTo("RUNNING");
        jdbc.sql("update training_runs set status = 'FAILED' where id = ?").param(live).update();
    }

    @Test
    void shouldRecordWhichInstanceQueuedARun() {
        long p = project(ADMIN, "TEXT");
        api().post("/api/v1/projects/" + p + "/items", ADMIN, java.util.List.of(
                Map.of("externalId", "a", "text", "good", "label", "pos"), Map.of("externalId", "b", "text", "bad", "label", "neg")));
        var run = api().post("/api/v1/projects/" + p + "/training-runs", ADMIN, Map.of());
        assertThat(run.status()).as(run.toString()).isEqualTo(202);

        Integer owner = jdbc.sql("select instance_id from training_runs where id = ?").param(run.json().get("runId").asLong())
                .query(Integer.class).single();
        assertThat(owner).isEqualTo(instances.id());
    }

    private long running(long projectId, int instanceId) {
        return jdbc.sql("""
                insert into training_runs (project_id, trigger, status, started_at, instance_id)
                values (?, 'API', 'RUNNING', now(), ?) returning id""")
                .params(projectId, instanceId).query(Long.class).single();
    }
}
