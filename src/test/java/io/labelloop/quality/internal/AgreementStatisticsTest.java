package io.labelloop.quality.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class AgreementStatisticsTest {

    /**
     * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four observers, twelve
     * units, values 1-5 with missing values; nominal alpha = 0.743 (checked by hand: o, n_c, D_o, D_e).
     */
    @Test
    void shouldReproduceKrippendorffsOwnNominalExample() {
        Integer[][] observers = {
                {1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null},
                {1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3},
                {null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null},
                {1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null}};
        List<int[]> units = new ArrayList<>();
        for (int u = 0; u < 12; u++) {
            int unit = u;
            units.add(Arrays.stream(observers).map(o -> o[unit]).filter(Objects::nonNull).mapToInt(v -> v - 1).toArray());
        }

        assertThat(AgreementStatistics.krippendorffAlpha(units, 5)).isCloseTo(0.743, within(0.0005));
        double[] interval = AgreementStatistics.alphaInterval(units, 5, 1000, 0.95, 7);
        assertThat(interval[0]).isLessThan(0.743);
        assertThat(interval[1]).isGreaterThan(0.743).isLessThanOrEqualTo(1.0);
    }

    @Test
    void shouldGiveAlphaOneWhenEveryoneAgreesAndAboutZeroForIndependentAnswers() {
        List<int[]> same = List.of(new int[] {0, 0}, new int[] {1, 1, 1}, new int[] {0, 0});
        assertThat(AgreementStatistics.krippendorffAlpha(same, 2)).isEqualTo(1.0);
        List<int[]> random = new ArrayList<>();
        var rnd = new java.util.SplittableRandom(3);
        for (int i = 0; i < 20_000; i++) {
            random.add(new int[] {rnd.nextInt(3), rnd.nextInt(3)});
        }
        assertThat(AgreementStatistics.krippendorffAlpha(random, 3)).isCloseTo(0.0, within(0.02));
    }

    /** The textbook case (e.g. Wikipedia, "Cohen's kappa"): 50 items, yes/yes 20, yes/no 5, no/yes 10, no/no 15: 0.4. */
    @Test
    void shouldGiveCohensKappaOfTheTextbookExample() {
        int[] a = new int[50];
        int[] b = new int[50];
        int i = 0;
        for (int[] cell : new int[][] {{0, 0, 20}, {0, 1, 5}, {1, 0, 10}, {1, 1, 15}}) {
            for (int n = 0; n < cell[2]; n++, i++) {
                a[i] = cell[0];
                b[i] = cell[1];
            }
        }
        assertThat(AgreementStatistics.cohenKappa(a, b, 2)).isCloseTo(0.4, within(1e-12));
    }

    /** Units {a,a}, {a,b}, {b,b}, {b,b}: class a has 3 pairable values, 2 paired with a; class b 5, 4 with b. */
    @Test
    void shouldGivePerClassAgreementFromTheCoincidences() {
        List<int[]> units = List.of(new int[] {0, 0}, new int[] {0, 1}, new int[] {1, 1}, new int[] {1, 1});
        double[] perClass = AgreementStatistics.perClassAgreement(units, 3);
        assertThat(perClass[0]).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(perClass[1]).isCloseTo(4.0 / 5, within(1e-12));
        assertThat(perClass[2]).isNaN();
    }
}
