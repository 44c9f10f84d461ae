package io.labelloop.bench;

import io.labelloop.embedding.SentenceEncoder;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Texts per second of {@link SentenceEncoder} on a CSV's {@code text} column, for each thread count and
 * batch size given. Usage: {@code EmbeddingThroughput FILE TEXTS THREADS,... BATCH,...}.
 */
public final class EmbeddingThroughput {

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        List<String> texts = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file)) {
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                texts.add(row.get("text"));
                if (texts.size() == count) {
                    break;
                }
            }
        }
        double chars = texts.stream().mapToInt(String::length).average().orElse(0);
        System.out.printf("%s: %d texts, mean %.0f chars%n", file.getFileName(), texts.size(), chars);
        for (String t : args[2].split(",")) {
            try (SentenceEncoder encoder = new SentenceEncoder(Integer.parseInt(t))) {
                encoder.encode(texts.subList(0, Math.min(32, texts.size())));
                for (String b : args[3].split(",")) {
                    int batch = Integer.parseInt(b);
                    long start = System.nanoTime();
                    for (int i = 0; i < texts.size(); i += batch) {
                        encoder.encode(texts.subList(i, Math.min(texts.size(), i + batch)));
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf("threads %s batch %4d: %.1f texts/s (%.1f s)%n", t, batch, texts.size() / seconds, seconds);
                }
            }
        }
    }
}
