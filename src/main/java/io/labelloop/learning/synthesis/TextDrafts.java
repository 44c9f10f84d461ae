package io.labelloop.learning.synthesis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * TEXT drafts by word-level edits (Easy Data Augmentation, Wei &amp; Zou 2019, with the project's own words in
 * place of a thesaurus). The start's text is split on white space into tokens; only plain word tokens are edited
 * ({@link WordContexts#TOKEN}: mentions, hashtags, links and numbers are left alone), each at most once, and
 * punctuation stays where it was. Edits = clamp(round(words / 8), 1, {@value #MAX_EDITS}), each chosen uniformly
 * among:
 * <ul>
 *   <li><b>word-swap</b>: two neighbouring words with no punctuation between them trade places;</li>
 *   <li><b>word-delete</b>: a word without punctuation is removed, only while more than
 *       {@value #MIN_TOKENS_TO_DELETE} tokens remain;</li>
 *   <li><b>word-replace</b>: a word becomes a project word seen between the same neighbours elsewhere
 *       ({@link WordContexts#replacements}), keeping a leading capital.</li>
 * </ul>
 * Tokens are joined with single spaces, so the draft is never empty and stays readable.
 */
final class TextDrafts implements DraftMaker {
    static final int MAX_EDITS = 4;
    static final int MIN_TOKENS_TO_DELETE = 3;
    private final List<SynthesisSeed> seeds;
    private final WordContexts contexts;

    TextDrafts(List<SynthesisSeed> seeds) {
        this.seeds = seeds;
        this.contexts = new WordContexts(seeds);
    }

    @Override
    public SyntheticDraft make(int start, Random rnd) {
        SynthesisSeed seed = seeds.get(start);
        List<String> tokens = new ArrayList<>(List.of(seed.text().strip().split("\\s+")));
        List<Boolean> touched = new ArrayList<>(tokens.stream().map(t -> !word(t).matches()).toList());
        long words = touched.stream().filter(t -> !t).count();
        int edits = (int) Math.max(1, Math.min(MAX_EDITS, Math.round(words / 8.0)));
        Set<String> methods = new LinkedHashSet<>();
        List<String> said = new ArrayList<>();
        for (int e = 0; e < edits; e++) {
            List<String> possible = new ArrayList<>(List.of("word-swap", "word-replace"));
            if (tokens.size() > MIN_TOKENS_TO_DELETE) {
                possible.add("word-delete");
            }
            String op = possible.get(rnd.nextInt(possible.size()));
            String done = switch (op) {
                case "word-swap" -> swap(tokens, touched, rnd);
                case "word-delete" -> delete(tokens, touched, rnd);
                default -> replace(tokens, touched, rnd);
            };
            if (done != null) {
                methods.add(op);
                said.add(done);
            }
        }
        if (methods.isEmpty()) {
            return null;
        }
        return new SyntheticDraft(String.join(" ", tokens), null, List.of(seed.itemId()), String.join("+", methods),
                "#" + seed.itemId() + " with " + String.join(", ", said));
    }

    private static String swap(List<String> tokens, List<Boolean> touched, Random rnd) {
        List<Integer> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Matcher a = word(tokens.get(i)), b = word(tokens.get(i + 1));
            if (!touched.get(i) && !touched.get(i + 1) && a.matches() && b.matches() && a.group(3).isEmpty()
                    && b.group(1).isEmpty() && !a.group(2).equalsIgnoreCase(b.group(2))) {
                pairs.add(i);
            }
        }
        if (pairs.isEmpty()) {
            return null;
        }
        int i = pairs.get(rnd.nextInt(pairs.size()));
        Matcher a = word(tokens.get(i)), b = word(tokens.get(i + 1));
        a.matches();
        b.matches();
        tokens.set(i, a.group(1) + b.group(2));
        tokens.set(i + 1, a.group(2) + b.group(3));
        touched.set(i, true);
        touched.set(i + 1, true);
        return "'" + a.group(2) + "' and '" + b.group(2) + "' swapped";
    }

    private static String delete(List<String> tokens, List<Boolean> touched, Random rnd) {
        List<Integer> plain = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Matcher m = word(tokens.get(i));
            if (!touched.get(i) && m.matches() && m.group(1).isEmpty() && m.group(3).isEmpty()) {
                plain.add(i);
            }
        }
        if (plain.isEmpty()) {
            return null;
        }
        int i = plain.get(rnd.nextInt(plain.size()));
        touched.remove(i);
        return "'" + tokens.remove(i) + "' deleted";
    }

    private String replace(List<String> tokens, List<Boolean> touched, Random rnd) {
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (!touched.get(i)) {
                open.add(i);
            }
        }
        if (open.isEmpty()) {
            return null;
        }
        int i = open.get(rnd.nextInt(open.size()));
        Matcher m = word(tokens.get(i));
        m.matches();
        String left = m.group(1).isEmpty() ? neighbour(tokens, i - 1, true) : null;
        String right = m.group(3).isEmpty() ? neighbour(tokens, i + 1, false) : null;
        List<String> options = contexts.replacements(left, m.group(2), right);
        if (options.isEmpty()) {
            return null;
        }
        String old = m.group(2), word = options.get(rnd.nextInt(options.size()));
        if (Character.isUpperCase(old.charAt(0))) {
            word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
        }
        tokens.set(i, m.group(1) + word + m.group(3));
        touched.set(i, true);
        return "'" + old + "' replaced by '" + word + "'";
    }

    /** The word at index i if it is a word token with no punctuation on the side facing the edit, else null. */
    private static String neighbour(List<String> tokens, int i, boolean onTheLeft) {
        if (i < 0 || i >= tokens.size()) {
            return null;
        }
        Matcher m = word(tokens.get(i));
        return m.matches() && m.group(onTheLeft ? 3 : 1).isEmpty() ? m.group(2) : null;
    }

    private static Matcher word(String token) {
        return WordContexts.TOKEN.matcher(token);
    }
}
