package io.labelloop.learning.bench;

import io.labelloop.learning.FamilyOptions;
import io.labelloop.learning.FamilyTrainer;
import io.labelloop.learning.ModelTrainer;
import io.labelloop.learning.TrainingOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;

/** Test accuracy on random labelled subsets: the CV-chosen penalty (LINEAR), C = 1 without CV, and AUTO. */
public final class PenaltyProbe {
    public static void main(String[] args) {
        for (String name : args[0].split(",")) {
            LabeledData data = LabeledData.load(Path.of("/work/shared/data/tabular").resolve(name + ".csv"));
            Split split = Split.stratified(data, 0.25, 1000, 4000, 42);
            for (int n : new int[]{20, 40, 60, 100, 200}) {
                double cv = 0, fixed = 0, auto = 0;
                int runs = 0;
                for (long seed = 42; seed < 52; seed++) {
                    List<Integer> pool = new ArrayList<>(split.pool());
                    Collections.shuffle(pool, new Random(seed));
                    List<Integer> pick = pool.subList(0, Math.min(n, pool.size()));
                    List<byte[]> items = pick.stream().map(data.items()::get).toList();
                    List<String> labels = pick.stream().map(data.labels()::get).toList();
                    if (new HashSet<>(labels).size() < 2) {
                        continue;
                    }
                    runs++;
                    cv += split.testAccuracy(new ModelTrainer(data.task(), new TrainingOptions(seed, 200, 3, 4.0, 0)).train(items, labels));
                    fixed += split.testAccuracy(new ModelTrainer(data.task(), new TrainingOptions(seed, 0, 3, 1.0, 0)).train(items, labels));
                    auto += split.testAccuracy(new FamilyTrainer(data.task(), new TrainingOptions(seed, 200, 3, 4.0, 0), FamilyOptions.defaults())
                            .train(items, labels, List.of(), null, null, split.pool().size()));
                }
                System.out.printf("%s n=%d  LINEAR CV %.3f  LINEAR C=1 %.3f  AUTO %.3f%n", name, n, cv / runs, fixed / runs, auto / runs);
            }
        }
    }
}
