package io.labelloop.learning.bench;

import io.labelloop.learning.FamilyChoice;
import io.labelloop.learning.FamilyOptions;
import io.labelloop.learning.FamilyTrainer;
import io.labelloop.learning.LabelModel;
import io.labelloop.learning.TrainingOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code AUTO} chooses on random labelled subsets of a dataset's pool (the label-efficiency split, seed 42),
 * with each candidate's CV log-loss and the chosen model's test accuracy: {@code --datasets glass,vowel --sizes
 * 60,160,500}. A table row per dataset and size.
 */
public final class FamilyChoiceProbe {
    private FamilyChoiceProbe() {
    }

    public static void main(String[] args) {
        BenchArguments opt = BenchArguments.parse(args);
        System.out.println("| dataset | labels | chosen | candidates: CV log-loss (CV accuracy) | test accuracy |");
        System.out.println("|---|---|---|---|---|");
        for (String name : opt.list("datasets")) {
            LabeledData data = LabeledData.load(opt.data().resolve("tabular").resolve(name + ".csv"));
            Split split = Split.stratified(data, 0.25, 1000, 4000, 42);
            List<Integer> pool = new ArrayList<>(split.pool());
            java.util.Collections.shuffle(pool, new java.util.Random(42));
            for (String size : opt.text("sizes", "60,160,500").split(",")) {
                int n = Math.min(Integer.parseInt(size), pool.size());
                List<byte[]> items = new ArrayList<>();
                List<String> labels = new ArrayList<>();
                for (int i : pool.subList(0, n)) {
                    items.add(data.items().get(i));
                    labels.add(data.labels().get(i));
                }
                LabelModel m = new FamilyTrainer(data.task(), TrainingOptions.defaults(), FamilyOptions.defaults())
                        .train(items, labels, List.of(), null, null, pool.size());
                StringBuilder candidates = new StringBuilder();
                for (FamilyChoice.CandidateScore c : m.choice().candidates()) {
                    candidates.append(String.format(Locale.ROOT, "%s %.3f (%.3f); ", c.family(), c.cvLogLoss(),
                            c.cvAccuracy()));
                }
                LabelModel.ItemScorer scorer = m.scorer();
                int right = 0;
                for (int t : split.testIndices()) {
                    right += scorer.predict(data.items().get(t)).label().equals(data.labels().get(t)) ? 1 : 0;
                }
                System.out.printf(Locale.ROOT, "| %s | %d | %s | %s| %.3f |%n", name, n, m.choice().candidate().label(),
                        candidates, right / (double) split.testIndices().length);
            }
        }
    }
}
