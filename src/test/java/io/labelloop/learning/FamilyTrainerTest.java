package io.labelloop.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class FamilyTrainerTest {

    /** Three concentric rings in the plane plus a noise column: no line separates them, an RBF kernel does. */
    static Data rings(int n, long seed) {
        Random rnd = new Random(seed);
        Data d = new Data(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < n; i++) {
            int ring = i % 3;
            double r = 1.5 * ring + rnd.nextDouble(), a = rnd.nextDouble() * 2 * Math.PI;
            d.items().add(ItemEncoder.encodeNumeric(new float[]{(float) (r * Math.cos(a)), (float) (r * Math.sin(a)),
                    (float) rnd.nextGaussian()}));
            d.labels().add("ring" + ring);
        }
        return d;
    }

    /** Two Gaussian blobs apart along one axis: a line separates them. */
    static Data blobs(int n, long seed) {
        Random rnd = new Random(seed);
        Data d = new Data(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < n; i++) {
            int c = i % 2;
            d.items().add(ItemEncoder.encodeNumeric(new float[]{(float) (rnd.nextGaussian() + 3 * c),
                    (float) rnd.nextGaussian(), (float) rnd.nextGaussian()}));
            d.labels().add("c" + c);
        }
        return d;
    }

    /** Two columns x and y, every x above 0.5 "pos" and below -0.5 "neg" (the HTTP tests' separable rows). */
    static Data separable(int n, long seed) {
        Random rnd = new Random(seed);
        Data d = new Data(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < n; i++) {
            double x = (i % 2 == 0 ? 1 : -1) * (0.5 + rnd.nextDouble());
            d.items().add(ItemEncoder.encodeNumeric(new float[]{(float) x, (float) rnd.nextGaussian()}));
            d.labels().add(x > 0 ? "pos" : "neg");
        }
        return d;
    }

    record Data(List<byte[]> items, List<String> labels) {
        Data first(int n) {
            return new Data(items.subList(0, n), labels.subList(0, n));
        }
    }

    private final FamilyTrainer trainer = new FamilyTrainer(TaskType.TABULAR, TrainingOptions.defaults(),
            FamilyOptions.defaults());

    @Test
    void shouldChooseTheKernelFamilyOnRingsAndSayWhy() {
        Data d = rings(90, 1);

        LabelModel m = trainer.train(d.items(), d.labels(), List.of(), null, null, 1000);

        assertThat(m.choice().family()).isEqualTo(ModelFamily.KERNEL);
        assertThat(m.choice().automatic()).isTrue();
        assertThat(m.choice().candidates()).extracting(FamilyChoice.CandidateScore::family)
                .containsExactly(ModelFamily.LINEAR, ModelFamily.KERNEL, ModelFamily.TREES);
        FamilyChoice.CandidateScore linear = m.choice().candidates().get(0), kernel = m.choice().candidates().get(1);
        assertThat(kernel.cvLogLoss()).isLessThan(linear.cvLogLoss() * 0.95);
        assertThat(kernel.cvAccuracy()).isGreaterThan(linear.cvAccuracy());
        assertThat(m.choice().reason()).startsWith("chosen automatically: CV log-loss ")
                .contains("vs LINEAR ").contains("on 90 labels");
        assertThat(m.choice().labelsWhenDecided()).isEqualTo(90);
    }

    @Test
    void shouldKeepTheLinearModelWhereALineSeparatesTheClasses() {
        Data d = blobs(90, 2);

        LabelModel m = trainer.train(d.items(), d.labels(), List.of(), null, null, 1000);

        assertThat(m.choice().family()).isEqualTo(ModelFamily.LINEAR);
        assertThat(m.choice().candidates()).hasSize(3);
    }

    @Test
    void shouldStayLinearWhileLabelsAreTooFewToCompare() {
        Data d = rings(20, 3);

        LabelModel m = trainer.train(d.items(), d.labels(), List.of(), null, null, 1000);

        assertThat(m.choice().family()).isEqualTo(ModelFamily.LINEAR);
        assertThat(m.choice().candidates()).isEmpty();
        assertThat(m.choice().labelsWhenDecided()).isZero();
        assertThat(m.choice().reason()).contains("until there are 30 labels");
    }

    @Test
    void shouldKeepThePreviousChoiceUntilTheLabelsHaveGrownByTheFactor() {
        Data d = rings(150, 4);
        LabelModel first = trainer.train(d.first(60).items(), d.first(60).labels(), List.of(), null, null, 1000);

        LabelModel kept = trainer.train(d.first(80).items(), d.first(80).labels(), List.of(), first, null, 1000);
        LabelModel redecided = trainer.train(d.first(90).items(), d.first(90).labels(), List.of(), kept, null, 1000);

        assertThat(kept.choice().candidate()).isEqualTo(first.choice().candidate());
        assertThat(kept.choice().labelsWhenDecided()).isEqualTo(60);
        assertThat(kept.choice().candidates()).isEqualTo(first.choice().candidates());
        assertThat(redecided.choice().labelsWhenDecided()).isEqualTo(90);
    }

    @Test
    void shouldNotSwitchToACandidateThatIsNotBetterByTheMargin() {
        Data d = rings(90, 5);
        FamilyTrainer sticky = new FamilyTrainer(TaskType.TABULAR, TrainingOptions.defaults(),
                new FamilyOptions(30, 1.5, 0.99, 1e10));
        LabelModel linearBefore = trainer.train(d.first(20).items(), d.first(20).labels(), List.of(), null, null, 1000)
                .withChoice(new FamilyChoice(ModelFamily.LINEAR, Representation.STANDARD, true, List.of(), "earlier", 20));

        LabelModel m = sticky.train(d.items(), d.labels(), List.of(), linearBefore, null, 1000);

        assertThat(m.choice().family()).isEqualTo(ModelFamily.LINEAR);
        assertThat(m.choice().reason()).contains("KERNEL is not better by the 99% (and 0.01) needed to switch");
    }

    @Test
    void shouldKeepTheLinearModelWhenEveryCandidateFitsSeparableLabelsAlmostPerfectly() {
        // seed 142: the kernel's out-of-fold log-loss is more than 5% below the linear model's, both about 0.00
        Data d = separable(40, 142);
        FamilyTrainer auto = new FamilyTrainer(TaskType.TABULAR, TrainingOptions.defaults().withSeed(142),
                FamilyOptions.defaults());

        LabelModel m = auto.train(d.items(), d.labels(), List.of(), null, null, 40);

        assertThat(m.choice().family()).isEqualTo(ModelFamily.LINEAR);
        assertThat(m.choice().reason()).contains("kept, as KERNEL is not better by the 5% (and 0.01) needed to switch");
        assertThat(m.choice().candidates().get(0).cvLogLoss()).isLessThan(0.01);
        assertThat(m.scorer().predict(ItemEncoder.encodeNumeric(new float[]{3, 0})).label()).isEqualTo("pos");
        assertThat(m.scorer().predict(ItemEncoder.encodeNumeric(new float[]{-3, 0})).label()).isEqualTo("neg");
    }

    @Test
    void shouldPredictInsideTheTrainingRangeWithAKernelModelAfterAnItemBringsANewColumn() {
        Data d = separable(40, 142);
        FamilyTrainer trainer142 = new FamilyTrainer(TaskType.TABULAR, TrainingOptions.defaults().withSeed(142),
                FamilyOptions.defaults());
        List<byte[]> pool = List.of(ItemEncoder.encodeNumeric(new float[]{1.5f, -0.5f, 7f}));

        LabelModel m = trainer142.train(d.items(), d.labels(), pool, null, ModelFamily.KERNEL, 41);

        assertThat(m.choice().family()).isEqualTo(ModelFamily.KERNEL);
        var scorer = m.scorer();
        for (float z : new float[]{1, 7, -3}) {
            assertThat(scorer.predict(ItemEncoder.encodeNumeric(new float[]{1.2f, 0, z})).label()).as("z = " + z).isEqualTo("pos");
            assertThat(scorer.predict(ItemEncoder.encodeNumeric(new float[]{-1.2f, 0, z})).label()).as("z = " + z).isEqualTo("neg");
        }
        assertThat(scorer.predict(ItemEncoder.encodeNumeric(new float[]{1.2f, 0})).label()).isEqualTo("pos");
    }

    @Test
    void shouldTrainThePinnedFamilyWithoutComparing() {
        Data d = rings(90, 6);

        LabelModel m = trainer.train(d.items(), d.labels(), List.of(), null, ModelFamily.LINEAR, 1000);

        assertThat(m.choice().family()).isEqualTo(ModelFamily.LINEAR);
        assertThat(m.choice().automatic()).isFalse();
        assertThat(m.choice().candidates()).isEmpty();
        assertThat(m.choice().reason()).isEqualTo("pinned by a lead");
    }

    @Test
    void shouldNotConsiderAFamilyThatCannotScoreAMillionItemsInACycle() {
        Data d = rings(90, 7);

        LabelModel m = trainer.train(d.items(), d.labels(), List.of(), null, null, 1_000_000);

        assertThat(m.choice().family()).isEqualTo(ModelFamily.LINEAR);
        assertThat(m.choice().reason()).contains("KERNEL not considered: scoring the pool of 1,000,000 items");
    }

    @Test
    void shouldScoreWithTheKernelModelAfterAStoreAndLoad() {
        Data d = rings(90, 8);
        LabelModel m = trainer.train(d.items(), d.labels(), List.of(), null, ModelFamily.KERNEL, 1000);

        LabelModel loaded = LabelModel.fromBytes(m.toBytes());

        assertThat(loaded.choice()).isEqualTo(m.choice());
        assertThat(loaded.scorer().probabilities(d.items().get(5))).containsExactly(m.scorer().probabilities(d.items().get(5)));
        long right = d.items().stream().filter(i -> loaded.scorer().predict(i).label()
                .equals(d.labels().get(d.items().indexOf(i)))).count();
        assertThat(right).as("a kernel model fits rings").isGreaterThan(75);
    }

    @Test
    void shouldLoadModelBytesOfTheFormatBeforeFamiliesAsLinear() throws IOException {
        Data d = blobs(40, 9);
        LabelModel m = new ModelTrainer(TaskType.TABULAR).train(d.items(), d.labels());

        LabelModel loaded = LabelModel.fromBytes(formatOne(m));

        assertThat(loaded.choice().family()).isEqualTo(ModelFamily.LINEAR);
        assertThat(loaded.choice().representation()).isEqualTo(Representation.STANDARD);
        assertThat(loaded.scorer().probabilities(d.items().get(3))).containsExactly(m.scorer().probabilities(d.items().get(3)));
    }

    /** The bytes format 1 wrote: the same fields without the family choice that format 2 appends. */
    private static byte[] formatOne(LabelModel m) throws IOException {
        byte[] raw;
        try (var in = new GZIPInputStream(new ByteArrayInputStream(m.toBytes()))) {
            raw = in.readAllBytes();
        }
        var choice = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(choice)) {
            FamilyChoiceFormat.write(m.choice(), out);
        }
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(new GZIPOutputStream(bytes))) {
            out.writeInt(1);
            out.write(raw, 4, raw.length - 4 - choice.size());
        }
        assertThat(new DataInputStream(new ByteArrayInputStream(raw)).readInt()).isEqualTo(2);
        return bytes.toByteArray();
    }
}
