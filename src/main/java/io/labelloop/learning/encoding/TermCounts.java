package io.labelloop.learning.encoding;

import java.util.Arrays;

/** Sorted distinct hashed term ids with their counts. */
public record TermCounts(int[] ids, int[] counts) {

    /** Counts the first {@code n} ids of an unsorted array (the array is sorted in place). */
    public static TermCounts fromUnsorted(int[] ids, int n) {
        Arrays.sort(ids, 0, n);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || ids[i] != ids[i - 1]) {
                distinct++;
            }
        }
        int[] outIds = new int[distinct];
        int[] outCounts = new int[distinct];
        int j = -1;
        for (int i = 0; i < n; i++) {
            if (i == 0 || ids[i] != ids[i - 1]) {
                outIds[++j] = ids[i];
            }
            outCounts[j]++;
        }
        return new TermCounts(outIds, outCounts);
    }

    /** Number of distinct terms. */
    public int size() {
        return ids.length;
    }
}
