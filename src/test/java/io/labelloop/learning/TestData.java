package io.labelloop.learning;

import io.labelloop.learning.bench.LabeledData;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Loads the attributed dataset slices in {@code src/test/resources/learning}. */
final class TestData {
    private TestData() {
    }

    static LabeledData load(String file, TaskType task) {
        try {
            return LabeledData.load(Path.of(TestData.class.getResource("/learning/" + file).toURI()), task);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static LabeledData iris() {
        return load("iris.csv", TaskType.TABULAR);
    }

    static LabeledData tweets() {
        return load("trump_tweets_device_300.csv", TaskType.TEXT);
    }

    static LabeledData digits() {
        return load("sklearn_digits_8x8_300.csv", TaskType.IMAGE);
    }

    static LabeledData credit() {
        return load("credit_data_200.csv", TaskType.TABULAR);
    }
}
