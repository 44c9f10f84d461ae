package io.labelloop.bench;

import io.labelloop.embedding.SentenceEncoder;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Embeds the first MAX rows of a CSV's {@code text} column with {@link SentenceEncoder} (1 thread, batches of 64,
 * as the job does) and writes them as little-endian float32 rows of 384 to OUT, for the representation
 * comparison in {@code bench/text-representations.py}; prints texts/s. Usage: {@code EmbedCsv FILE OUT [MAX]}.
 */
public final class EmbedCsv {

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int max = args.length > 2 ? Integer.parseInt(args[2]) : Integer.MAX_VALUE;
        List<String> texts = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file)) {
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                if (texts.size() == max) {
                    break;
                }
                texts.add(row.get("text"));
            }
        }
        ByteBuffer buffer = ByteBuffer.allocate(SentenceEncoder.DIMENSIONS * 4).order(ByteOrder.LITTLE_ENDIAN);
        long start = System.nanoTime();
        try (SentenceEncoder encoder = new SentenceEncoder(1);
                OutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(Path.of(args[1]))))) {
            for (int i = 0; i < texts.size(); i += 64) {
                for (float[] v : encoder.encode(texts.subList(i, Math.min(texts.size(), i + 64)))) {
                    buffer.clear();
                    buffer.asFloatBuffer().put(v);
                    out.write(buffer.array());
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s: %d texts (mean %.0f chars) in %.1f s: %.1f texts/s on 1 thread%n", file.getFileName(),
                texts.size(), texts.stream().mapToInt(String::length).average().orElse(0), seconds, texts.size() / seconds);
    }
}
