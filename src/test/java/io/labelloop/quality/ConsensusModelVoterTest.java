package io.labelloop.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.quality.internal.DawidSkene;
import io.labelloop.quality.internal.JudgmentData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The model as one more voter in Dawid-Skene, behind its guard. */
class ConsensusModelVoterTest {

    private static final List<String> CLASSES = List.of("a", "b", "c", "d");
    private static final double[] ANNOTATORS = {0.8, 0.7, 0.6};
    private static final int ITEMS = 400;

    @Test
    void shouldLetAModelMoreAccurateThanTheAnnotatorsImproveTheConsensus() {
        Team t = team(1);
        Map<Long, String> votes = votes(t, 0.97, new Random(2));
        double without = accuracy(ConsensusService.fit(t.snapshot()), t.truth());
        double with = accuracy(ConsensusService.fit(t.snapshot(), votes), t.truth());
        assertThat(with).isGreaterThan(without + 0.05);
    }

    @Test
    void shouldLeaveOutAModelThatAgreesWithTheConsensusLessThanTheAnnotatorsDo() {
        Team t = team(3);
        Map<Long, String> votes = votes(t, 0.25, new Random(4)); // as good as chance on 4 classes
        DawidSkene.Result without = ConsensusService.fit(t.snapshot());
        DawidSkene.Result with = ConsensusService.fit(t.snapshot(), votes);
        for (int i = 0; i < ITEMS; i++) {
            assertThat(with.label(i)).isEqualTo(without.label(i));
            assertThat(with.confidence(i)).isEqualTo(without.confidence(i));
        }
    }

    private record Team(JudgmentData.Snapshot snapshot, int[] truth) {
    }

    /** Each item judged by two of the three annotators (right with their accuracy, else a uniform other class). */
    private static Team team(long seed) {
        Random rnd = new Random(seed);
        int[] truth = new int[ITEMS];
        List<Long> ids = new ArrayList<>();
        List<List<int[]>> byItem = new ArrayList<>();
        int judgments = 0;
        for (int i = 0; i < ITEMS; i++) {
            truth[i] = rnd.nextInt(CLASSES.size());
            ids.add((long) i);
            int skip = rnd.nextInt(ANNOTATORS.length);
            List<int[]> js = new ArrayList<>();
            for (int a = 0; a < ANNOTATORS.length; a++) {
                if (a != skip) {
                    js.add(new int[] {a, answer(truth[i], ANNOTATORS[a], rnd)});
                    judgments++;
                }
            }
            byItem.add(js);
        }
        var snapshot = new JudgmentData.Snapshot(CLASSES, List.of("ann", "bob", "cy"), ids, byItem, Map.of(), Map.of(),
                Map.of(), Map.of(), judgments);
        return new Team(snapshot, truth);
    }

    private static Map<Long, String> votes(Team t, double accuracy, Random rnd) {
        Map<Long, String> votes = new HashMap<>();
        for (int i = 0; i < ITEMS; i++) {
            votes.put((long) i, CLASSES.get(accuracy <= 1.0 / CLASSES.size() ? rnd.nextInt(CLASSES.size())
                    : answer(t.truth()[i], accuracy, rnd)));
        }
        return votes;
    }

    private static int answer(int truth, double accuracy, Random rnd) {
        if (rnd.nextDouble() < accuracy) {
            return truth;
        }
        int other = rnd.nextInt(CLASSES.size() - 1);
        return other >= truth ? other + 1 : other;
    }

    private static double accuracy(DawidSkene.Result r, int[] truth) {
        int right = 0;
        for (int i = 0; i < truth.length; i++) {
            right += r.label(i) == truth[i] ? 1 : 0;
        }
        return (double) right / truth.length;
    }
}
