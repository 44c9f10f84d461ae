package io.labelloop.learning.encoding;

import java.util.Arrays;
import java.util.Locale;

/**
 * Turns a text into hashed term counts: lower-cased word unigrams, word bigrams and character
 * 3-grams inside word boundaries, each hashed (32-bit FNV-1a, Weinberger et al. 2009 "Feature
 * hashing for large scale multitask learning") into {@link #HASH_SPACE} buckets.
 * This is the only place where text is tokenised.
 */
public final class TextHasher {
    /** The hash function in words, for model files read by other programs. */
    public static final String DESCRIPTION = "text lower-cased (Locale.ROOT); words = maximal runs of letters or digits "
            + "(Character.isLetterOrDigit, UTF-16 chars); 32-bit FNV-1a with a salt and a final mix; terms: each word, each pair of consecutive words, each "
            + "character 3-gram of ' ' + word + ' '; h = 0x811c9dc5; h = (h ^ salt) * 0x01000193 with salt 'w' (word), "
            + "'b' (bigram: the finished hash of the first word with salt 'b' is the start h, then salt ' ' and the "
            + "second word's chars), 'c' (3-gram); then for each char h = (h ^ char) * 0x01000193 (32-bit); finish: "
            + "h ^= h >>> 16; h *= 0x85ebca6b; h ^= h >>> 13; id = h & (2^20 - 1); tf = occurrences of the id";
    /** Number of hash buckets (2^20). */
    public static final int HASH_SPACE = 1 << 20;
    private static final int MASK = HASH_SPACE - 1;
    private static final int FNV_OFFSET = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;
    private static final int SALT_WORD = 'w', SALT_BIGRAM = 'b', SALT_CHAR = 'c';

    private TextHasher() {
    }

    /** Hashed term counts of {@code text}, sorted by term id. */
    public static TermCounts hash(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        int[] ids = new int[Math.max(16, lower.length() * 3)];
        int n = 0;
        int prevStart = -1, prevEnd = -1;
        int i = 0, len = lower.length();
        while (i < len) {
            while (i < len && !Character.isLetterOrDigit(lower.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < len && Character.isLetterOrDigit(lower.charAt(i))) {
                i++;
            }
            if (start == i) {
                break;
            }
            if (n + (i - start) + 4 > ids.length) {
                ids = Arrays.copyOf(ids, ids.length * 2 + (i - start) + 4);
            }
            ids[n++] = hashRange(SALT_WORD, lower, start, i, FNV_OFFSET);
            if (prevStart >= 0) {
                int h = hashRange(SALT_BIGRAM, lower, prevStart, prevEnd, FNV_OFFSET);
                ids[n++] = hashRange(' ', lower, start, i, h);
            }
            n = addCharGrams(lower, start, i, ids, n);
            prevStart = start;
            prevEnd = i;
        }
        return TermCounts.fromUnsorted(ids, n);
    }

    private static int addCharGrams(String s, int start, int end, int[] ids, int n) {
        // character 3-grams over " word ", so a word of length L gives L grams
        int padded = end - start + 2;
        for (int g = 0; g + 3 <= padded; g++) {
            int h = FNV_OFFSET;
            h = (h ^ SALT_CHAR) * FNV_PRIME;
            for (int k = g; k < g + 3; k++) {
                int pos = start - 1 + k;
                char c = pos < start || pos >= end ? ' ' : s.charAt(pos);
                h = (h ^ c) * FNV_PRIME;
            }
            ids[n++] = finish(h);
        }
        return n;
    }

    private static int hashRange(int salt, String s, int start, int end, int seed) {
        int h = (seed ^ salt) * FNV_PRIME;
        for (int k = start; k < end; k++) {
            h = (h ^ s.charAt(k)) * FNV_PRIME;
        }
        return finish(h);
    }

    private static int finish(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h & MASK;
    }
}
