package io.labelloop.learning.synthesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.learning.TaskType;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TextSynthesisTest {

    static List<SynthesisSeed> reviews() {
        String[] texts = {
                "The battery lasts all day and the screen is bright.",
                "Terrible battery, the phone died before lunch.",
                "Great screen, but the speaker is quiet.",
                "The speaker is loud and the battery is great.",
                "Shipping was slow and the box was damaged.",
                "Fast shipping, the phone works great.",
                "The screen cracked after a day, terrible.",
                "Works as described, the battery is fine."};
        List<SynthesisSeed> seeds = new java.util.ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            String label = texts[i].matches(".*(Terrible|terrible|slow|cracked|quiet).*") ? "bad" : "good";
            seeds.add(new SynthesisSeed(10 + i, texts[i], null, label, (i % 4) / 4.0, i < 2 ? label : null));
        }
        return seeds;
    }

    private static List<SyntheticDraft> drafts(int count, long seed) {
        return Synthesizer.synthesize(TaskType.TEXT, reviews(), new SynthesisOptions(count, seed, false, 0, 0));
    }

    @Test
    void shouldKeepEditedTextsNonEmptyAndDifferentFromTheirParent() {
        Map<Long, String> parents = reviews().stream().collect(Collectors.toMap(SynthesisSeed::itemId,
                SynthesisSeed::text));

        List<SyntheticDraft> drafts = drafts(20, 4);

        assertThat(drafts).hasSize(20).allSatisfy(d -> {
            assertThat(d.text()).isNotBlank().isNotEqualTo(parents.get(d.derivedFrom().get(0)));
            assertThat(d.values()).isNull();
            assertThat(d.derivedFrom()).hasSize(1);
            assertThat(d.method().split("\\+")).isNotEmpty()
                    .allSatisfy(m -> assertThat(m).isIn("word-swap", "word-delete", "word-replace"));
            assertThat(d.description()).startsWith("#" + d.derivedFrom().get(0) + " with ");
        });
    }

    @Test
    void shouldUseOnlyWordsFromTheProjectsTexts() {
        Set<String> known = words(String.join(" ", reviews().stream().map(SynthesisSeed::text).toList()));

        assertThat(drafts(20, 5)).allSatisfy(d -> assertThat(known).containsAll(words(d.text())));
    }

    @Test
    void shouldKeepMostOfTheParentsWords() {
        Map<Long, String> parents = reviews().stream().collect(Collectors.toMap(SynthesisSeed::itemId,
                SynthesisSeed::text));

        assertThat(drafts(20, 6)).allSatisfy(d -> {
            Set<String> parent = words(parents.get(d.derivedFrom().get(0)));
            Set<String> kept = new HashSet<>(words(d.text()));
            kept.retainAll(parent);
            assertThat(kept.size()).isGreaterThanOrEqualTo(parent.size() - TextDrafts.MAX_EDITS);
        });
    }

    @Test
    void shouldReplaceAWordOnlyWithOneSeenBetweenTheSameNeighbours() {
        WordContexts contexts = new WordContexts(reviews());

        assertThat(contexts.replacements("the", "battery", "is")).containsExactly("screen", "speaker");
        assertThat(contexts.replacements(null, "fast", "shipping")).isEmpty();
    }

    @Test
    void shouldReplaceWithWordsSeenInAtLeastTwoTexts() {
        assertThat(WordContexts.vocabulary(reviews())).contains("battery", "screen", "the", "great")
                .doesNotContain("lunch", "damaged", "a");
    }

    private static Set<String> words(String text) {
        return java.util.Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")).filter(w -> !w.isEmpty())
                .collect(Collectors.toSet());
    }
}
