package io.labelloop.metrics.web;

import io.labelloop.training.ModelSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest model's evaluation laid out for the dashboard tables: per-class figures, the
 * confusion matrix with a shade per cell, and the last cycle's phase timings.
 */
record ModelReport(String method, Number evaluatedOn, Number macroF1, List<ClassRow> perClass, List<String> classes,
        List<List<Cell>> confusion, Map<String, Number> phases, long totalMillis) {

    /** The phases in the order a cycle runs them (stored as JSON, whose key order is not kept). */
    private static final List<String> PHASE_ORDER = List.of("encode", "loadLabels", "samplePool", "train", "evaluate",
            "thresholds", "scorePool", "selectBatch", "mixQueue", "stopCheck");

    record ClassRow(String label, double precision, double recall, double f1, long support) {
    }

    /** A confusion count; {@code shade} is "diag" on the diagonal, else heat-0..3 by its share of the row. */
    record Cell(long count, String shade) {
    }

    static ModelReport of(ModelSummary model) {
        Map<String, Object> m = model.metrics();
        List<String> classes = strings(m.get("classes"));
        List<List<Cell>> confusion = new ArrayList<>();
        if (m.get("confusion") instanceof List<?> rows) {
            for (int r = 0; r < rows.size(); r++) {
                List<Long> counts = ((List<?>) rows.get(r)).stream().map(v -> ((Number) v).longValue()).toList();
                long total = counts.stream().mapToLong(Long::longValue).sum();
                List<Cell> row = new ArrayList<>();
                for (int c = 0; c < counts.size(); c++) {
                    long n = counts.get(c);
                    String shade = r == c ? "diag" : "heat-" + (n == 0 || total == 0 ? 0 : Math.min(3, 1 + (int) (3.0 * n / total)));
                    row.add(new Cell(n, shade));
                }
                confusion.add(row);
            }
        }
        List<ClassRow> perClass = new ArrayList<>();
        if (m.get("perClass") instanceof List<?> list) {
            for (Object o : list) {
                Map<?, ?> c = (Map<?, ?>) o;
                perClass.add(new ClassRow(String.valueOf(c.get("label")), number(c.get("precision")), number(c.get("recall")),
                        number(c.get("f1")), (long) number(c.get("support"))));
            }
        }
        Map<String, Number> phases = new LinkedHashMap<>();
        if (model.provenance().get("cycleMillis") instanceof Map<?, ?> millis) {
            millis.entrySet().stream()
                    .sorted(java.util.Comparator.comparingInt(e -> phaseRank(String.valueOf(e.getKey()))))
                    .forEach(e -> phases.put(String.valueOf(e.getKey()), (Number) e.getValue()));
        }
        long total = phases.values().stream().mapToLong(Number::longValue).sum();
        return new ModelReport(String.valueOf(m.get("method")), (Number) m.get("evaluatedOn"), (Number) m.get("macroF1"),
                perClass, classes, confusion, phases, total);
    }

    private static int phaseRank(String phase) {
        int rank = PHASE_ORDER.indexOf(phase);
        return rank < 0 ? PHASE_ORDER.size() : rank;
    }

    private static List<String> strings(Object o) {
        return o instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : 0;
    }
}
