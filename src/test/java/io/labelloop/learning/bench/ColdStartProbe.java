package io.labelloop.learning.bench;

import io.labelloop.learning.ColdStartSelector;
import io.labelloop.learning.FamilyOptions;
import io.labelloop.learning.FamilyTrainer;
import io.labelloop.learning.LabelModel;
import io.labelloop.learning.TrainingOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;

/** First-checkpoint accuracy (20 labels) of the cold-start batch against the same batch with its last r medoids swapped for random items. */
public final class ColdStartProbe {
    public static void main(String[] args) {
        for (String name : args[0].split(",")) {
            LabeledData data = LabeledData.load(Path.of("/work/shared/data/tabular").resolve(name + ".csv"));
            Split split = Split.stratified(data, 0.25, 1000, 4000, 42);
            StringBuilder line = new StringBuilder(name);
            for (int r : new int[]{0, 3, 5}) {
                double sum = 0;
                int oneClass = 0;
                for (long seed = 42; seed < 52; seed++) {
                    ColdStartSelector cold = new ColdStartSelector(data.task(), 20, ColdStartSelector.DEFAULT_SAMPLE, seed);
                    for (int i : split.pool()) {
                        cold.offer(i, data.items().get(i));
                    }
                    List<Integer> batch = new ArrayList<>(cold.select().stream().map(s -> (int) s.itemId()).toList());
                    Random rnd = new Random(seed);
                    for (int k = 0; k < r; k++) {
                        batch.removeLast();
                    }
                    while (batch.size() < 20) {
                        int i = split.pool().get(rnd.nextInt(split.pool().size()));
                        if (!batch.contains(i)) {
                            batch.addFirst(i);
                        }
                    }
                    List<String> labels = batch.stream().map(data.labels()::get).toList();
                    if (new HashSet<>(labels).size() < 2) {
                        oneClass++;
                        sum += java.util.stream.IntStream.of(split.testIndices()).filter(i -> data.labels().get(i).equals(labels.getFirst())).count() / (double) split.testIndices().length;
                        continue;
                    }
                    LabelModel m = new FamilyTrainer(data.task(), new TrainingOptions(seed, 200, 3, 4.0, 0), FamilyOptions.defaults())
                            .train(batch.stream().map(data.items()::get).toList(), labels, List.of(), null, null, split.pool().size());
                    sum += split.testAccuracy(m);
                }
                line.append(String.format(" | r=%d acc@20 %.3f one-class %d", r, sum / 10, oneClass));
            }
            System.out.println(line);
        }
    }
}
