package io.labelloop.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedsTest {

    @Test
    void shouldGiveTheSameSeedForTheSameNameAndPartsAndAnotherForAnyOtherName() {
        assertThat(Seeds.of("synthesis", 7, 120)).isEqualTo(Seeds.of("synthesis", 7, 120));
        Set<Long> seeds = new HashSet<>();
        for (long project = 1; project <= 100; project++) {
            for (long made = 0; made < 100; made++) {
                seeds.add(Seeds.of("synthesis", project, made));
            }
        }
        seeds.add(Seeds.of("synthesis.drafts", 7, 120));
        seeds.add(Seeds.FALLBACK_WINDOWS);
        seeds.add(Seeds.HOLDOUT_DRAWS);
        assertThat(seeds).hasSize(10_003);
    }
}
