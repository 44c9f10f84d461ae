package io.labelloop.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small real datasets from the test resources, split into an unlabeled upload and the oracle's answers. */
public final class Datasets {

    private Datasets() {
    }

    /** A tabular CSV ({@code id,label,features...}) as an upload without labels, plus the true label of each id. */
    public record Oracle(String unlabeledCsv, Map<String, String> truth, List<String> labels) {
    }

    /**
     * {@code count} labeled JSON upload rows with features x and y, class "pos" for positive x and "neg" otherwise
     * (alternating, |x| at least 0.5), y noise.
     */
    public static List<Map<String, Object>> separableRows(long seed, int count) {
        java.util.Random random = new java.util.Random(seed);
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            double x = (i % 2 == 0 ? 1 : -1) * (0.5 + random.nextDouble());
            rows.add(Map.of("externalId", "l-" + i, "features", Map.of("x", x, "y", random.nextGaussian()),
                    "label", x > 0 ? "pos" : "neg"));
        }
        return rows;
    }

    public static Oracle tabular(String resource) {
        String csv;
        try (var in = Datasets.class.getResourceAsStream(resource)) {
            csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String[] lines = csv.strip().split("\r?\n");
        String[] header = lines[0].split(",");
        StringBuilder out = new StringBuilder("externalId");
        for (int i = 2; i < header.length; i++) {
            out.append(',').append(header[i]);
        }
        out.append('\n');
        Map<String, String> truth = new LinkedHashMap<>();
        for (int r = 1; r < lines.length; r++) {
            String[] cells = lines[r].split(",", -1);
            truth.put(cells[0], cells[1]);
            out.append(cells[0]);
            for (int i = 2; i < cells.length; i++) {
                out.append(',').append(cells[i]);
            }
            out.append('\n');
        }
        return new Oracle(out.toString(), truth, truth.values().stream().distinct().sorted().toList());
    }
}
