package io.labelloop.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.labelloop.support.ApiTest;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A claim needs one database connection at a time: claimers that each hold one while waiting for a
 * second would starve the pool once as many claim at once as it has connections.
 */
class ClaimConnectionTests extends ApiTest {

    @Autowired
    DataSource dataSource;

    @Test
    void shouldClaimTabularItemsAndHoldoutDrawsWhenOnlyOneDatabaseConnectionIsFree() throws Exception {
        var created = api().post("/api/v1/projects", ADMIN, Map.of("name", "one-connection", "taskType", "TABULAR",
                "labels", List.of("neg", "pos"), "holdoutFraction", 0.5));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long project = created.json().get("id").asLong();
        StringBuilder csv = new StringBuilder("externalId,x,y\n");
        for (int i = 0; i < 200; i++) {
            csv.append("r").append(i).append(',').append(i % 7).append(',').append(i % 11).append('\n');
        }
        var upload = api().postRaw("/api/v1/projects/" + project + "/items", ADMIN, "text/csv", csv.toString());
        assertThat(upload.json().get("created").asLong()).as(upload.toString()).isEqualTo(200);

        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        List<Connection> taken = new ArrayList<>();
        try {
            // the service keeps some connections for itself (the instance's liveness lock): all but one of the rest
            while (pool.getHikariPoolMXBean().getActiveConnections() < pool.getMaximumPoolSize() - 1) {
                taken.add(dataSource.getConnection());
            }
            long started = System.nanoTime();
            var claim = api().post("/api/v1/projects/" + project + "/queue/claims", ADMIN, Map.of("count", 10));
            long millis = (System.nanoTime() - started) / 1_000_000;

            assertThat(claim.status()).as(claim.toString()).isEqualTo(200);
            assertThat(claim.json().get("items")).hasSize(10)
                    .allSatisfy(item -> assertThat(item.get("features").get("x")).isNotNull());
            List<String> reasons = new ArrayList<>();
            claim.json().get("items").forEach(item -> reasons.add(item.get("reason").asString()));
            assertThat(reasons).contains("HOLDOUT");
            assertThat(millis).as("the claim never waited for a second connection").isLessThan(10_000);
        } finally {
            for (Connection c : taken) {
                c.close();
            }
        }
    }
}
