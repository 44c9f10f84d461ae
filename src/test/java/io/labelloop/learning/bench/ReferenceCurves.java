package io.labelloop.learning.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scikit-learn reference loops' curves, written by {@code bench/sklearn_reference.py} to
 * {@code label-efficiency-raw/sklearn/<dataset>.csv} in {@link DatasetResult}'s CSV shape, plus
 * {@code full,<model>,<accuracy>} lines (each reference model trained on the whole pool).
 */
final class ReferenceCurves {
    static final String LR_LEAST_CONFIDENCE = "SKLEARN_LR_LC";
    static final String LR_RANDOM = "SKLEARN_LR_RANDOM";
    static final String RF_LEAST_CONFIDENCE = "SKLEARN_RF_LC";
    static final List<String> METHODS = List.of(LR_LEAST_CONFIDENCE, LR_RANDOM, RF_LEAST_CONFIDENCE);

    private ReferenceCurves() {
    }

    static Path file(Path raw, String dataset) {
        return raw.resolve("sklearn").resolve(dataset + ".csv");
    }

    /** The result with the stored reference curves added, if there are any for the same split. */
    static DatasetResult merge(DatasetResult ours, Path raw) throws IOException {
        Path f = file(raw, ours.name());
        if (!Files.exists(f)) {
            return ours;
        }
        DatasetResult ref = DatasetResult.fromCsv(Files.readAllLines(f));
        if (ref.pool() != ours.pool() || ref.test() != ours.test() || ref.step() != ours.step()) {
            System.err.printf("%s: reference curves were made on another split (pool/test %d/%d, ours %d/%d); "
                    + "left out%n", ours.name(), ref.pool(), ref.test(), ours.pool(), ours.test());
            return ours;
        }
        return ours.withCurves(ref.curves());
    }

    /** Full-pool test accuracy of each reference model (e.g. SKLEARN_LR, SKLEARN_RF); empty without a file. */
    static Map<String, Double> fullPoolAccuracy(Path raw, String dataset) throws IOException {
        Map<String, Double> out = new LinkedHashMap<>();
        Path f = file(raw, dataset);
        if (Files.exists(f)) {
            for (String line : Files.readAllLines(f)) {
                String[] p = line.split(",");
                if (p[0].equals("full")) {
                    out.put(p[1], Double.parseDouble(p[2]));
                }
            }
        }
        return out;
    }
}
