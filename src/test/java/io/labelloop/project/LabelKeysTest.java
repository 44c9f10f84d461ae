package io.labelloop.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LabelKeysTest {

    @Test
    void shouldPutDigitLabelsOnTheirOwnDigitAndTheOthersOnTheFreeKeys() {
        assertThat(LabelKeys.assign(List.of("0", "1", "9", "other"), null))
                .containsExactly(Map.entry("0", "0"), Map.entry("1", "1"), Map.entry("9", "9"), Map.entry("other", "2"));
    }

    @Test
    void shouldSkipThePagesOwnKeysAndLeaveLabelsBeyondTheKeysToTheFilter() {
        List<String> labels = IntStream.range(0, 40).mapToObj(i -> "label" + i).toList();
        Map<String, String> keys = LabelKeys.assign(labels, null);
        List<String> given = new ArrayList<>(keys.values());
        assertThat(given.subList(0, 12)).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "a", "b");
        assertThat(given.stream().filter(k -> k != null).toList()).hasSize(33).doesNotContain("s", "u", "x").doesNotHaveDuplicates();
        assertThat(given.subList(33, 40)).containsOnlyNulls();
    }

    @Test
    void shouldKeepALeadsKeysAndGiveTheRestWhatIsLeft() {
        assertThat(LabelKeys.assign(List.of("cat", "dog", "cow"), Map.of("dog", "1", "cow", "C")))
                .containsExactly(Map.entry("cat", "2"), Map.entry("dog", "1"), Map.entry("cow", "c"));
    }

    @Test
    void shouldNameEveryProblemWithALeadsKeys() {
        Map<String, String> keys = new java.util.LinkedHashMap<>();
        keys.put("cat", "s");
        keys.put("dog", "ab");
        keys.put("cow", "k");
        keys.put("hen", "K");
        keys.put("emu", null);
        keys.put("yak", "1");
        assertThat(LabelKeys.problems(List.of("cat", "dog", "cow", "hen", "emu"), keys)).containsExactly(
                "the key of \"cat\" is taken by the page (S skip, U undo, X not valid)",
                "the key of \"dog\" must be one letter or digit",
                "the key \"K\" is given to more than one label",
                "the key of \"emu\" must be one letter or digit",
                "\"yak\" is not one of the labels");
    }

    @Test
    void shouldReadTheSettingsFormsLines() {
        assertThat(LabelKeys.fromLines("cat = c\n\n a=b = d \nlonely\n"))
                .containsExactly(Map.entry("cat", "c"), Map.entry("a=b", "d"), Map.entry("lonely", ""));
        assertThat(LabelKeys.fromLines(LabelKeys.toLines(Map.of("cat", "c")))).containsExactly(Map.entry("cat", "c"));
    }
}
