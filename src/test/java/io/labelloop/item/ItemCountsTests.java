package io.labelloop.item;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.learning.TaskType;
import io.labelloop.support.ApiTest;
import io.labelloop.support.Concurrently;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The kept counts of a project's items, vectors and embeddings (item_counts, kept by statement triggers) agree with
 * a full count of the tables after every way items, vectors and embeddings come and go.
 */
class ItemCountsTests extends ApiTest {

    @Autowired
    ItemCounts counts;

    @Autowired
    ItemVectors vectors;

    @Autowired
    JdbcClient jdbc;

    @Test
    void shouldCountUploadedItemsOnceWhenAnUploadIsReplayedOrOverlaps() {
        long p = project(ADMIN, "TABULAR", "pos", "neg");
        upload(p, 0, 30, 5);
        assertKeptAsCounted(p, 30, 5, 0);

        upload(p, 0, 30, 5); // the same upload again: every row a duplicate (the replay skipping duplicates)
        assertKeptAsCounted(p, 30, 5, 0);

        upload(p, 20, 45, 0); // ten stored rows and fifteen new ones
        assertKeptAsCounted(p, 45, 5, 0);
        JsonNode stats = api().get("/api/v1/projects/" + p + "/stats", ADMIN).json();
        assertThat(stats.get("items").asLong()).isEqualTo(45);
        assertThat(stats.get("importedLabeled").asLong()).isEqualTo(5);
        assertThat(stats.get("unlabeled").asLong()).isEqualTo(40);

        jdbc.sql("update items set invalid_at = now() where project_id = ? and external_id in ('r-40', 'r-41')").param(p).update();
        jdbc.sql("update items set invalid_at = now() where project_id = ? and external_id = 'r-41'").param(p).update();
        assertThat(counts.of(p).invalid()).as("marked twice, counted once").isEqualTo(2);
        assertThat(api().get("/api/v1/projects/" + p + "/stats", ADMIN).json().get("unlabeled").asLong()).isEqualTo(38);
    }

    @Test
    void shouldCountItemsUploadedBetweenCyclesAsDueForEncodingUntilACycleEncodesThem() {
        long p = project(ADMIN, "TABULAR", "pos", "neg");
        upload(p, 0, 30, 0);
        assertThat(counts.kept(p).vectorsDue()).isTrue();
        assertThat(vectors.encodeMissingAndCount(p, TaskType.TABULAR)).isEqualTo(30);
        assertThat(counts.kept(p).vectorsDue()).isFalse();
        assertKeptAsCounted(p, 30, 0, 30);

        upload(p, 30, 40, 0);
        assertThat(counts.kept(p).vectorsDue()).as("ten items uploaded since the last cycle").isTrue();
        assertThat(vectors.encodeMissingAndCount(p, TaskType.TABULAR)).as("the next cycle encodes them").isEqualTo(40);
        assertThat(jdbc.sql("select count(*) from item_vectors where project_id = ?").param(p).query(Long.class).single())
                .isEqualTo(40);
        assertKeptAsCounted(p, 40, 0, 40);
        assertThat(vectors.count(p)).isEqualTo(40);
    }

    @Test
    void shouldCountStreamedItemsOnceWhenPostedConcurrentlyAndAgain() throws Exception {
        long p = project(ADMIN, "TABULAR", "pos", "neg");
        upload(p, 0, 20, 0);
        List<Callable<Integer>> posts = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String id = "s-" + (i % 12); // each external id twice: the second post returns the stored decision
            int x = i % 12;
            posts.add(() -> api().post("/api/v1/projects/" + p + "/stream", ADMIN,
                    Map.of("externalId", id, "features", Map.of("x", x, "y", 1.0))).status());
        }
        assertThat(Concurrently.allAtOnce(posts)).allSatisfy(status -> assertThat(status).isEqualTo(200));

        long items = jdbc.sql("select count(*) from items where project_id = ?").param(p).query(Long.class).single();
        assertThat(items).isEqualTo(32);
        assertKeptAsCounted(p, 32, 0, null);
    }

    @Test
    void shouldCountEmbeddingsAndReportTheirProgressFromTheKeptCounts() {
        long p = project(ADMIN, "TEXT", "pos", "neg");
        var r = api().postRaw("/api/v1/projects/" + p + "/items", ADMIN, "text/csv",
                "externalId,text\na,one fine day\nb,a rainy night\nc,the quick fox\nd,slow and steady\n");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<Long> ids = jdbc.sql("select id from items where project_id = ? order by id").param(p).query(Long.class).list();
        for (long id : ids.subList(0, 3)) {
            jdbc.sql("insert into item_embeddings (item_id, project_id, vector, scale) values (?, ?, ?, 1)")
                    .params(id, p, new byte[384]).update();
        }
        JsonNode status = api().get("/api/v1/projects/" + p + "/embeddings", ADMIN).json();
        assertThat(status.get("done").asLong()).isEqualTo(3);
        assertThat(status.get("total").asLong()).isEqualTo(4);
        assertThat(status.get("state").asString()).isEqualTo("RUNNING");
        assertThat(counts.kept(p).embeddings()).isEqualTo(3);

        // deleting an item takes its embedding with it (foreign key cascade): both counts follow
        jdbc.sql("delete from items where id = ?").param(ids.getFirst()).update();
        assertThat(counts.kept(p).items()).isEqualTo(3);
        assertThat(counts.kept(p).embeddings()).isEqualTo(2);
        assertKeptAsCounted(p, 3, 0, 0);
    }

    @Test
    void shouldDropTheCountsOfADeletedProjectAndKeepOthers() {
        long gone = project(ADMIN, "TABULAR", "pos", "neg");
        long kept = project(ADMIN, "TABULAR", "pos", "neg");
        upload(gone, 0, 25, 2);
        upload(kept, 0, 10, 0);
        vectors.encodeMissingAndCount(gone, TaskType.TABULAR);

        assertThat(api().delete("/api/v1/projects/" + gone, ADMIN).status()).isEqualTo(204);

        assertThat(jdbc.sql("select count(*) from item_counts where project_id = ?").param(gone).query(Long.class).single())
                .isZero();
        assertThat(counts.kept(gone).items()).isZero();
        assertKeptAsCounted(kept, 10, 0, 0);
    }

    @Test
    void shouldCountAConcurrentUploadToEachOfSeveralProjects() throws Exception {
        List<Long> projects = new ArrayList<>();
        List<Callable<Integer>> uploads = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            long p = project(ADMIN, "TABULAR", "pos", "neg");
            projects.add(p);
            uploads.add(() -> api().post("/api/v1/projects/" + p + "/items", ADMIN, rows(0, 200, 3)).status());
            uploads.add(() -> api().post("/api/v1/projects/" + p + "/items", ADMIN, rows(150, 300, 0)).status());
        }
        assertThat(Concurrently.allAtOnce(uploads)).allSatisfy(status -> assertThat(status).isEqualTo(200));
        for (long p : projects) {
            assertKeptAsCounted(p, 300, 3, 0);
        }
    }

    private void assertKeptAsCounted(long p, long items, long imported, Integer vectorCount) {
        var counted = jdbc.sql("""
                select (select count(*) from items where project_id = :p), (select count(imported_label) from items where project_id = :p),
                       (select count(*) from item_vectors where project_id = :p), (select count(*) from item_embeddings where project_id = :p)""")
                .param("p", p).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)})
                .single();
        ItemCounts.Kept kept = counts.kept(p);
        assertThat(kept.items()).isEqualTo(items).isEqualTo(counted[0]);
        assertThat(kept.imported()).isEqualTo(imported).isEqualTo(counted[1]);
        assertThat(kept.vectors()).isEqualTo(counted[2]);
        if (vectorCount != null) {
            assertThat(kept.vectors()).isEqualTo(vectorCount.longValue());
        }
        assertThat(kept.embeddings()).isEqualTo(counted[3]);
    }

    private void upload(long p, int from, int to, int labeled) {
        var r = api().post("/api/v1/projects/" + p + "/items", ADMIN, rows(from, to, labeled));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    private static List<Map<String, Object>> rows(int from, int to, int labeled) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Map<String, Object> row = new java.util.HashMap<>(Map.of("externalId", "r-" + i,
                    "features", Map.of("x", i * 0.5, "y", -i * 0.25)));
            if (i - from < labeled) {
                row.put("label", i % 2 == 0 ? "pos" : "neg");
            }
            rows.add(row);
        }
        return rows;
    }
}
