package io.labelloop.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.labelloop.learning.bench.LabeledData;
import io.labelloop.learning.encoding.ItemCodec;
import io.labelloop.learning.encoding.TermCounts;
import io.labelloop.learning.features.FeatureBuffer;
import io.labelloop.learning.features.Featurizer;
import io.labelloop.learning.features.Featurizers;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeaturizerTest {

    @Test
    void shouldReadANumericColumnThatDidNotVaryWhileFittingAsItsMean() {
        List<byte[]> fitted = List.of(ItemEncoder.encodeNumeric(new float[]{1, 5}), ItemEncoder.encodeNumeric(new float[]{2, 5}),
                ItemEncoder.encodeNumeric(new float[]{3}), ItemEncoder.encodeNumeric(new float[]{4, 5, 7}));
        Featurizer f = Featurizers.fit(TaskType.TABULAR, fitted);
        FeatureBuffer x = new FeatureBuffer();

        f.featurize(ItemEncoder.encodeNumeric(new float[]{2.5f, -40, 1}), x);

        assertThat(x.values[0]).isCloseTo(0f, within(1e-6f));
        assertThat(x.values[1]).as("a column with one value while fitting").isEqualTo(0f);
        assertThat(x.values[2]).as("a column one fitted item had").isEqualTo(0f);
    }

    @Test
    void shouldL2NormaliseTfIdfVectorsOfRealTweets() {
        LabeledData tweets = TestData.tweets();
        Featurizer f = Featurizers.fit(TaskType.TEXT, tweets.items());
        FeatureBuffer x = new FeatureBuffer();
        for (int i = 0; i < 20; i++) {
            f.featurize(tweets.items().get(i), x);
            assertThat(x.squaredNorm()).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void shouldGiveEachHashedTermOfRealTweetsItsTfIdfWeight() {
        LabeledData tweets = TestData.tweets();
        List<byte[]> fitted = tweets.items().subList(0, 200);
        Featurizer f = Featurizers.fit(TaskType.TEXT, fitted);
        java.util.Map<Integer, Integer> df = new java.util.HashMap<>();
        for (byte[] item : fitted) {
            for (int id : ItemCodec.readTerms(item).ids()) {
                df.merge(id, 1, Integer::sum);
            }
        }
        FeatureBuffer x = new FeatureBuffer();
        for (byte[] item : tweets.items().subList(150, 300)) {
            TermCounts terms = ItemCodec.readTerms(item);
            List<Double> expected = new java.util.ArrayList<>();
            for (int i = 0; i < terms.size(); i++) {
                Integer d = df.get(terms.ids()[i]);
                if (d != null) {
                    expected.add((1 + Math.log(terms.counts()[i])) * (Math.log((1.0 + 200) / (1.0 + d)) + 1));
                }
            }
            double norm = Math.sqrt(expected.stream().mapToDouble(v -> v * v).sum());
            f.featurize(item, x);
            double[] actual = new double[x.size];
            for (int i = 0; i < x.size; i++) {
                actual[i] = x.values[i];
            }
            assertThat(actual).containsExactly(expected.stream().mapToDouble(v -> v / norm).toArray(),
                    within(1e-6));
        }
    }

    @Test
    void shouldWeightATermInEveryDocumentLessThanARareOne() {
        List<byte[]> docs = List.of(ItemEncoder.encodeText("the cat"), ItemEncoder.encodeText("the dog"),
                ItemEncoder.encodeText("the"));
        Featurizer f = Featurizers.fit(TaskType.TEXT, docs);
        FeatureBuffer x = new FeatureBuffer();
        f.featurize(ItemEncoder.encodeText("the"), x);
        // "the" only: word "the" plus 3 char grams " th","the","he " -> every term idf = ln(4/4)+1 = 1, 4 equal weights
        assertThat(x.size).isEqualTo(4);
        assertThat(x.values[0]).isCloseTo(0.5f, within(1e-6f));
        f.featurize(ItemEncoder.encodeText("cat"), x);
        // "cat" terms appear in one of three docs: idf = ln(4/2)+1 > 1, still normalised
        assertThat(x.squaredNorm()).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void shouldStandardiseRealRowsAndFlagMissingValues() {
        LabeledData iris = TestData.iris();
        Featurizer f = Featurizers.fit(TaskType.TABULAR, iris.items());
        assertThat(f.dimension()).isEqualTo(4);
        FeatureBuffer x = new FeatureBuffer();
        double sum = 0, sumSq = 0;
        for (byte[] item : iris.items()) {
            f.featurize(item, x);
            sum += x.values[0];
            sumSq += x.values[0] * x.values[0];
        }
        assertThat(sum / 150).isCloseTo(0.0, within(1e-5));
        assertThat(sumSq / 150).isCloseTo(1.0, within(1e-4));

        List<byte[]> withGap = List.of(ItemEncoder.encodeNumeric(new float[]{1, 10}),
                ItemEncoder.encodeNumeric(new float[]{3, Float.NaN}), ItemEncoder.encodeNumeric(new float[]{5, 20}));
        Featurizer g = Featurizers.fit(TaskType.TABULAR, withGap);
        assertThat(g.dimension()).isEqualTo(3);
        g.featurize(ItemEncoder.encodeNumeric(new float[]{3, Float.NaN}), x);
        // column 0: mean 3 -> 0; column 1 missing -> mean (z = 0) and indicator 1
        assertThat(new float[]{x.values[0], x.values[1], x.values[2]}).containsExactly(0f, 0f, 1f);
        g.featurize(ItemEncoder.encodeNumeric(new float[]{5, 20}), x);
        assertThat(x.values[1]).isCloseTo(1f, within(1e-6f)); // (20 - 15) / 5
        assertThat(x.values[2]).isEqualTo(0f);
    }

    @Test
    void shouldLogTransformAHeavyTailedCountColumnAndClipOutliers() {
        List<byte[]> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 99; i++) {
            rows.add(ItemEncoder.encodeNumeric(new float[]{i % 3, -1 + (i % 2) * 2}));
        }
        rows.add(ItemEncoder.encodeNumeric(new float[]{100_000, 50})); // one huge count, one outlier
        Featurizer f = Featurizers.fit(TaskType.TABULAR, rows);
        assertThat(f.describe()).contains("log1p=1");
        FeatureBuffer x = new FeatureBuffer();
        f.featurize(rows.get(99), x);
        assertThat(x.values[0]).isLessThan(10f); // log1p(1e5) = 11.5 on a log scale, not 10 sd of raw counts
        assertThat(x.values[1]).isEqualTo(5f);   // column 1 is symmetric but the outlier is clipped at +5 sd
    }

    @Test
    void shouldScaleDigitPixelsIntoTheUnitInterval() {
        LabeledData digits = TestData.digits();
        Featurizer f = Featurizers.fit(TaskType.IMAGE, digits.items());
        assertThat(f.dimension()).isEqualTo(64);
        FeatureBuffer x = new FeatureBuffer();
        float max = 0;
        for (byte[] item : digits.items()) {
            f.featurize(item, x);
            for (int j = 0; j < 64; j++) {
                assertThat(x.values[j]).isBetween(0f, 1f);
                max = Math.max(max, x.values[j]);
            }
        }
        assertThat(max).isEqualTo(1f);
    }

    @Test
    void shouldReadTheColumnsANarrowerItemLacksAsMissingAndIgnoreColumnsAddedAfterFitting() {
        List<byte[]> items = List.of(ItemEncoder.encodeNumeric(new float[] {1, 10}), ItemEncoder.encodeNumeric(new float[] {3, 30}),
                ItemEncoder.encodeNumeric(new float[] {2, 20, 5}), ItemEncoder.encodeNumeric(new float[] {2, 20, 7}));
        Featurizer f = Featurizers.fit(TaskType.TABULAR, items);
        assertThat(f.dimension()).as("three columns and an indicator for the one the first two items lack").isEqualTo(4);

        FeatureBuffer x = new FeatureBuffer();
        f.featurize(ItemEncoder.encodeNumeric(new float[] {2, 20}), x);
        assertThat(x.values[2]).as("the lacking column becomes its mean").isEqualTo(0f);
        assertThat(x.values[3]).as("and says it was missing").isEqualTo(1f);
        f.featurize(ItemEncoder.encodeNumeric(new float[] {2, 20, 6, 99}), x);
        assertThat(x.values[2]).isCloseTo(0f, within(1e-6f));
        assertThat(x.values[3]).isEqualTo(0f);

        Featurizer narrow = Featurizers.fit(TaskType.TABULAR, items.subList(0, 2));
        narrow.featurize(items.get(2), x);
        assertThat(narrow.dimension()).as("a column added after fitting is not the model's").isEqualTo(2);
    }

    @Test
    void shouldWeighAModelByItsArrays() {
        LabeledData tweets = TestData.tweets();
        Featurizer small = Featurizers.fit(TaskType.TEXT, tweets.items().subList(0, 20));
        Featurizer large = Featurizers.fit(TaskType.TEXT, tweets.items());
        assertThat(large.approximateBytes()).isGreaterThan(small.approximateBytes() * 2);
    }
}
