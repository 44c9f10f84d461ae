package io.labelloop.learning.bench;

import io.labelloop.embedding.Int8Vector;
import io.labelloop.embedding.SentenceEncoder;
import io.labelloop.learning.ItemEncoder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A text dataset whose items (those a split uses) carry their all-MiniLM-L6-v2 sentence embeddings, int8 as the
 * service stores them. Embeddings are cached per dataset under {@code target/embedding-cache} (row index, 384 bytes,
 * scale), so further runs on the same split do not encode again.
 */
final class EmbeddedTexts {
    private EmbeddedTexts() {
    }

    static LabeledData attach(LabeledData d, Split split, Path cacheDir) throws IOException {
        List<Integer> rows = new ArrayList<>(split.pool());
        for (int i : split.testIndices()) {
            rows.add(i);
        }
        Files.createDirectories(cacheDir);
        Path cache = cacheDir.resolve(d.name() + ".i8");
        Map<Integer, Int8Vector> known = read(cache);
        List<Integer> missing = rows.stream().filter(r -> !known.containsKey(r)).toList();
        if (!missing.isEmpty()) {
            long start = System.nanoTime();
            try (SentenceEncoder encoder = new SentenceEncoder(1);
                 DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(cache,
                         StandardOpenOption.CREATE, StandardOpenOption.APPEND)))) {
                for (int from = 0; from < missing.size(); from += 64) {
                    List<Integer> batch = missing.subList(from, Math.min(missing.size(), from + 64));
                    float[][] v = encoder.encode(batch.stream().map(d.rawTexts()::get).toList());
                    for (int k = 0; k < batch.size(); k++) {
                        Int8Vector q = Int8Vector.of(v[k]);
                        out.writeInt(batch.get(k));
                        out.write(q.bytes());
                        out.writeFloat(q.scale());
                        known.put(batch.get(k), q);
                    }
                    out.flush();
                }
            }
            System.err.printf("%s: embedded %d texts in %.0f s%n", d.name(), missing.size(),
                    (System.nanoTime() - start) / 1e9);
        }
        List<byte[]> items = new ArrayList<>(d.items());
        for (int r : rows) {
            Int8Vector q = known.get(r);
            items.set(r, ItemEncoder.withEmbedding(d.items().get(r), q.bytes(), q.scale()));
        }
        return new LabeledData(d.name(), d.task(), d.ids(), items, d.labels(), d.rawTexts());
    }

    private static Map<Integer, Int8Vector> read(Path cache) throws IOException {
        Map<Integer, Int8Vector> out = new HashMap<>();
        if (!Files.exists(cache)) {
            return out;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(cache)))) {
            while (true) {
                int row;
                try {
                    row = in.readInt();
                } catch (EOFException end) {
                    return out;
                }
                byte[] b = new byte[SentenceEncoder.DIMENSIONS];
                in.readFully(b);
                out.put(row, new Int8Vector(b, in.readFloat()));
            }
        } catch (EOFException truncated) { // a run stopped mid-write: the complete records count
            return out;
        }
    }
}
