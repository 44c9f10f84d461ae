package io.labelloop.item;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.learning.TaskType;
import io.labelloop.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The read side of the stored item vectors as a cycle uses it: the pool's size from the encode step, items by id. */
class ItemVectorsTests extends ApiTest {

    @Autowired
    ItemVectors vectors;

    @Test
    void shouldAnswerThePoolSizeWhenItEncodesTheItemsThatHaveNoVector() {
        long p = tabularProject(30);

        assertThat(vectors.encodeMissingAndCount(p, TaskType.TABULAR)).as("30 encoded now").isEqualTo(30);
        assertThat(vectors.encodeMissingAndCount(p, TaskType.TABULAR)).as("nothing left to encode").isEqualTo(30);
        assertThat(vectors.count(p)).isEqualTo(30);
    }

    @Test
    void shouldReadOnlyTheAskedItemsOfTheProjectWhenIdsRepeatOrBelongElsewhere() {
        long p = tabularProject(30);
        long other = tabularProject(5);
        vectors.encodeMissingAndCount(p, TaskType.TABULAR);
        vectors.encodeMissingAndCount(other, TaskType.TABULAR);
        List<Long> ids = itemIds(p);
        long elsewhere = itemIds(other).getFirst();

        List<Long> asked = new ArrayList<>(ids.subList(0, 5));
        asked.add(ids.getFirst()); // a repeated id
        asked.add(elsewhere); // another project's item
        asked.add(Long.MAX_VALUE); // no such item
        Map<Long, byte[]> read = vectors.of(p, asked);

        assertThat(read.keySet()).containsExactlyInAnyOrderElementsOf(ids.subList(0, 5));
        assertThat(read.values()).allSatisfy(v -> assertThat(v).isNotEmpty());
    }

    private long tabularProject(int items) {
        long p = project(ADMIN, "TABULAR", "pos", "neg");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            rows.add(Map.of("externalId", "r-" + i, "features", Map.of("x", i * 0.5, "y", -i * 0.25)));
        }
        assertThat(api().post("/api/v1/projects/" + p + "/items", ADMIN, rows).status()).isEqualTo(200);
        return p;
    }

    private List<Long> itemIds(long p) {
        List<Long> ids = new ArrayList<>();
        api().get("/api/v1/projects/" + p + "/items?limit=100", ADMIN).json().forEach(i -> ids.add(i.get("id").asLong()));
        return ids;
    }
}
