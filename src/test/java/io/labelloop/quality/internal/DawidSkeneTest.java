package io.labelloop.quality.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DawidSkeneTest {

    /**
     * Two annotators who always agree with each other and a third who always answers the other class
     * (two classes, balanced): the vote shares start at 2/3, and EM learns that the third annotator's
     * answer is perfectly informative (inverted), so every item ends certain and the third's quality near 0.
     */
    @Test
    void shouldLearnAnInvertedAnnotatorOnAHandMadeExample() {
        List<DawidSkene.Judgment> judgments = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int truth = i % 2;
            judgments.add(new DawidSkene.Judgment(i, 0, truth));
            judgments.add(new DawidSkene.Judgment(i, 1, truth));
            judgments.add(new DawidSkene.Judgment(i, 2, 1 - truth));
        }
        DawidSkene.Result r = DawidSkene.fit(10, 3, 2, judgments, 100, 1e-9);
        for (int i = 0; i < 10; i++) {
            assertThat(r.label(i)).isEqualTo(i % 2);
            assertThat(r.confidence(i)).isGreaterThan(0.99);
        }
        assertThat(r.prior()[0]).isCloseTo(0.5, within(0.01));
        assertThat(r.quality(0)).isGreaterThan(0.99);
        assertThat(r.quality(2)).isLessThan(0.01);
    }

    /**
     * Simulated annotators of accuracy 0.95, 0.85, 0.70 and one answering at random, three judgments per
     * item drawn from the four, four classes: Dawid-Skene is at least as accurate as majority vote, and it
     * finds the random one (estimated quality near chance, 0.25).
     */
    @Test
    void shouldBeatMajorityVoteAndFindTheSpammerOnSimulatedAnnotators() {
        double[] accuracy = {0.95, 0.85, 0.70, 0.25};
        int items = 600;
        int classes = 4;
        SplittableRandom rnd = new SplittableRandom(11);
        int[] truth = new int[items];
        List<DawidSkene.Judgment> judgments = new ArrayList<>();
        int majorityRight = 0;
        for (int i = 0; i < items; i++) {
            truth[i] = rnd.nextInt(classes);
            int skip = rnd.nextInt(4);
            int[] votes = new int[classes];
            int first = -1;
            for (int a = 0; a < 4; a++) {
                if (a == skip) {
                    continue;
                }
                int label = rnd.nextDouble() < accuracy[a] ? truth[i] : otherThan(truth[i], classes, rnd);
                if (a == 3) {
                    label = rnd.nextInt(classes);
                }
                judgments.add(new DawidSkene.Judgment(i, a, label));
                votes[label]++;
                first = first < 0 ? label : first;
            }
            int best = first;
            for (int k = 0; k < classes; k++) {
                if (votes[k] > votes[best]) {
                    best = k;
                }
            }
            majorityRight += best == truth[i] ? 1 : 0;
        }
        DawidSkene.Result r = DawidSkene.fit(items, 4, classes, judgments, 100, 1e-6);
        int dsRight = 0;
        for (int i = 0; i < items; i++) {
            dsRight += r.label(i) == truth[i] ? 1 : 0;
        }
        assertThat(dsRight).isGreaterThanOrEqualTo(majorityRight);
        assertThat(r.quality(3)).isBetween(0.1, 0.4);
        assertThat(r.quality(0)).isGreaterThan(0.9);
        assertThat(r.quality(0)).isGreaterThan(r.quality(1));
        assertThat(r.quality(1)).isGreaterThan(r.quality(2));
    }

    private static int otherThan(int truth, int classes, SplittableRandom rnd) {
        int other = rnd.nextInt(classes - 1);
        return other >= truth ? other + 1 : other;
    }
}
