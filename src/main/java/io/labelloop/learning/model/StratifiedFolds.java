package io.labelloop.learning.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Stratified k-fold assignment: each class's items are shuffled and dealt round-robin to folds. */
public final class StratifiedFolds {
    private StratifiedFolds() {
    }

    /** Fold number (0..k-1) of each item, given class indices {@code y}. */
    public static int[] assign(int[] y, int numClasses, int k, long seed) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < y.length; i++) {
            byClass.get(y[i]).add(i);
        }
        Random rnd = new Random(seed);
        int[] fold = new int[y.length];
        int next = 0;
        for (List<Integer> members : byClass) {
            java.util.Collections.shuffle(members, rnd);
            for (int i : members) {
                fold[i] = next++ % k;
            }
        }
        return fold;
    }
}
