package io.labelloop.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SentenceEncoderTest {

    private static SentenceEncoder encoder;

    @BeforeAll
    static void load() {
        encoder = new SentenceEncoder(1);
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    @Test
    void shouldPlaceTextsOfTheSameMeaningCloserThanTextsSharingNoMeaning() {
        float[][] v = encoder.encode(List.of(
                "stale, never again", "the food went off, won't reorder", "fast delivery, great price"));
        assertThat(dot(v[0], v[1])).isGreaterThan(dot(v[0], v[2]));
    }

    @Test
    void shouldReturnUnitVectorsOfTheModelsLengthInInputOrder() {
        List<String> texts = List.of("one", "two words", "a sentence of several words", "one");
        float[][] v = encoder.encode(texts);
        assertThat(v).hasNumberOfRows(4);
        for (float[] row : v) {
            assertThat(row).hasSize(SentenceEncoder.DIMENSIONS);
            assertThat(dot(row, row)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        }
        assertThat(v[3]).containsExactly(v[0]);
    }

    @Test
    void shouldGiveTheZeroVectorToABlankText() {
        float[][] v = encoder.encode(java.util.Arrays.asList("", "  ", null, "text"));
        assertThat(dot(v[0], v[0]) + dot(v[1], v[1]) + dot(v[2], v[2])).isZero();
        assertThat(dot(v[3], v[3])).isGreaterThan(0.99);
    }

    @Test
    void shouldEncodeATextLongerThanTheModelsWindow() {
        String longText = "The parcel arrived late and the box was damaged. ".repeat(200);
        assertThat(dot(encoder.encode(List.of(longText))[0], encoder.encode(List.of("damaged late parcel"))[0]))
                .isGreaterThan(0.3);
    }

    @Test
    void shouldFinishTheEncodesUnderWayBeforeClosingAndRefuseLaterOnes() throws Exception {
        SentenceEncoder own = new SentenceEncoder(2);
        List<String> texts = java.util.Collections.nCopies(64, "a sentence that takes the encoder a moment");
        var running = java.util.concurrent.CompletableFuture.supplyAsync(() -> own.encode(texts));
        Thread.sleep(20);
        own.close(); // freeing the native session under a run would abort the JVM
        assertThat(running.get()).hasNumberOfRows(64);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> own.encode(List.of("late")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldNotFreeTheSessionUnderTheRunsOfACallerThatWasInterrupted() throws Exception {
        SentenceEncoder own = new SentenceEncoder(2);
        List<String> texts = java.util.Collections.nCopies(256, "a sentence that takes the encoder a moment to read");
        Thread caller = new Thread(() -> {
            try {
                own.encode(texts);
            } catch (RuntimeException interrupted) {
                // the caller gives up; the pool's runs go on in native code
            }
        });
        caller.start();
        Thread.sleep(50);
        caller.interrupt(); // as a closing application context interrupts the embedding job
        caller.join();
        own.close(); // freeing the native session under a pool run would abort the JVM (SIGSEGV in ONNX Runtime)
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> own.encode(List.of("late")))
                .isInstanceOf(IllegalStateException.class);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
