package io.labelloop.learning.synthesis;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The project's vocabulary with the words seen next to each word, so a replacement fits where it goes (a
 * bigram view of the seeds' texts): the vocabulary is the lower-cased words that occur in at least two seeds
 * (in the one seed when there is only one), so no typos or ids; neighbours are collected from the first
 * {@value #MAX_TOKENS} tokens of each seed, only across white space (not across punctuation).
 */
final class WordContexts {
    static final int MAX_TOKENS = 300;
    /** A word token: optional opening quotes or brackets, a word of letters, optional closing punctuation. */
    static final Pattern TOKEN = Pattern.compile("^([\"'(\\[]*)(\\p{L}[\\p{L}'\\-]*)([.,!?;:\"')\\]]*)$");
    private static final Pattern WORD = Pattern.compile("\\p{L}{2,}");
    private final Set<String> vocabulary;
    private final Map<String, Set<String>> after = new HashMap<>();
    private final Map<String, Set<String>> before = new HashMap<>();

    WordContexts(List<SynthesisSeed> seeds) {
        this.vocabulary = vocabulary(seeds);
        for (SynthesisSeed s : seeds) {
            String[] tokens = s.text().strip().split("\\s+");
            for (int i = 0; i + 1 < Math.min(tokens.length, MAX_TOKENS); i++) {
                Matcher a = TOKEN.matcher(tokens[i]), b = TOKEN.matcher(tokens[i + 1]);
                if (a.matches() && b.matches() && a.group(3).isEmpty() && b.group(1).isEmpty()) {
                    String left = a.group(2).toLowerCase(Locale.ROOT), right = b.group(2).toLowerCase(Locale.ROOT);
                    if (vocabulary.contains(right)) {
                        after.computeIfAbsent(left, k -> new TreeSet<>()).add(right);
                    }
                    if (vocabulary.contains(left)) {
                        before.computeIfAbsent(right, k -> new TreeSet<>()).add(left);
                    }
                }
            }
        }
    }

    static Set<String> vocabulary(List<SynthesisSeed> seeds) {
        Map<String, Integer> documents = new HashMap<>();
        for (SynthesisSeed s : seeds) {
            Set<String> words = new java.util.HashSet<>();
            Matcher m = WORD.matcher(s.text().toLowerCase(Locale.ROOT));
            while (m.find()) {
                words.add(m.group());
            }
            words.forEach(w -> documents.merge(w, 1, Integer::sum));
        }
        int minDocuments = seeds.size() > 1 ? 2 : 1;
        Set<String> vocab = new TreeSet<>();
        documents.forEach((w, n) -> {
            if (n >= minDocuments) {
                vocab.add(w);
            }
        });
        return vocab;
    }

    /**
     * Vocabulary words other than {@code old} that can stand between {@code left} and {@code right} (either may
     * be null at the ends of a text): seen after left and before right if any such, else seen after left or before
     * right; sorted.
     */
    List<String> replacements(String left, String old, String right) {
        Set<String> afterLeft = left == null ? null : after.getOrDefault(left.toLowerCase(Locale.ROOT), Set.of());
        Set<String> beforeRight = right == null ? null : before.getOrDefault(right.toLowerCase(Locale.ROOT), Set.of());
        Set<String> both = new TreeSet<>(afterLeft != null ? afterLeft : beforeRight != null ? beforeRight : Set.of());
        if (afterLeft != null && beforeRight != null) {
            both.retainAll(beforeRight);
            if (both.isEmpty()) {
                both.addAll(afterLeft);
                both.addAll(beforeRight);
            }
        }
        both.remove(old.toLowerCase(Locale.ROOT));
        return List.copyOf(both);
    }
}
