package io.labelloop.learning.model;

/**
 * Trained outputs of the classes that have examples: {@code slot[c]} is class c's output, -1 for a class without
 * examples (as in Tribuo, which gives such a class no weights), and {@code target[i]} the output of row i.
 */
record ClassSlots(int[] slot, int[] target, int present) {
    static ClassSlots of(int[] y, int classes) {
        boolean[] seen = new boolean[classes];
        for (int c : y) {
            seen[c] = true;
        }
        int[] slot = new int[classes];
        int k = 0;
        for (int c = 0; c < classes; c++) {
            slot[c] = seen[c] ? k++ : -1;
        }
        int[] target = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            target[i] = slot[y[i]];
        }
        return new ClassSlots(slot, target, k);
    }
}
