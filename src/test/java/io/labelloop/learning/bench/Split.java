package io.labelloop.learning.bench;

import io.labelloop.learning.LabelModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** A stratified pool/test split of a dataset (test = 25%, at most {@code maxTest} items; pool at most {@code maxPool}). */
record Split(LabeledData data, List<Integer> pool, int[] testIndices) {

    static Split stratified(LabeledData data, double testFraction, int maxTest, int maxPool, long seed) {
        Map<String, List<Integer>> byClass = new TreeMap<>();
        for (int i = 0; i < data.size(); i++) {
            byClass.computeIfAbsent(data.labels().get(i), k -> new ArrayList<>()).add(i);
        }
        Random rnd = new Random(seed);
        List<Integer> pool = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        double fraction = Math.min(testFraction, maxTest / (double) data.size());
        double keep = Math.min(1.0, maxPool / (data.size() * (1 - fraction)));
        for (List<Integer> members : byClass.values()) {
            Collections.shuffle(members, rnd);
            int t = (int) Math.round(members.size() * fraction);
            test.addAll(members.subList(0, t));
            int kept = (int) Math.round((members.size() - t) * keep);
            pool.addAll(members.subList(t, t + Math.max(Math.min(1, members.size() - t), kept)));
        }
        Collections.sort(pool);
        return new Split(data, List.copyOf(pool), test.stream().mapToInt(Integer::intValue).toArray());
    }

    double testAccuracy(LabelModel model) {
        LabelModel.ItemScorer scorer = model.scorer();
        int correct = 0;
        for (int i : testIndices) {
            correct += scorer.predict(data.items().get(i)).label().equals(data.labels().get(i)) ? 1 : 0;
        }
        return correct / (double) testIndices.length;
    }
}
