package io.labelloop.learning.bench;

import io.labelloop.learning.TaskType;
import java.util.List;
import java.util.Map;

/** Learning curves (accuracy per seed per checkpoint) of every method on one dataset. */
record DatasetResult(String name, TaskType task, int rows, int pool, int test, int classes, double fullPoolAccuracy,
                     int step, Map<String, double[][]> curves) {

    /** Writes this result as CSV lines: one meta line, then one line per method and seed. */
    String toCsv() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(java.util.Locale.ROOT, "meta,%s,%s,%d,%d,%d,%d,%.6f,%d%n", name, task, rows, pool, test,
                classes, fullPoolAccuracy, step));
        curves.forEach((method, c) -> {
            for (int s = 0; s < c.length; s++) {
                sb.append("curve,").append(method).append(',').append(s);
                for (double v : c[s]) {
                    sb.append(',').append(String.format(java.util.Locale.ROOT, "%.5f", v));
                }
                sb.append('\n');
            }
        });
        return sb.toString();
    }

    /** Reads what {@link #toCsv()} wrote; lines other than the meta line and curves are skipped. */
    static DatasetResult fromCsv(List<String> lines) {
        String[] m = lines.get(0).split(",");
        Map<String, List<double[]>> curves = new java.util.LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.startsWith("curve,")) {
                continue;
            }
            String[] f = line.split(",");
            double[] c = new double[f.length - 3];
            for (int i = 0; i < c.length; i++) {
                c[i] = Double.parseDouble(f[i + 3]);
            }
            curves.computeIfAbsent(f[1], k -> new java.util.ArrayList<>()).add(c);
        }
        Map<String, double[][]> out = new java.util.LinkedHashMap<>();
        curves.forEach((k, v) -> out.put(k, v.toArray(double[][]::new)));
        return new DatasetResult(m[1], TaskType.valueOf(m[2]), Integer.parseInt(m[3]), Integer.parseInt(m[4]),
                Integer.parseInt(m[5]), Integer.parseInt(m[6]), Double.parseDouble(m[7]), Integer.parseInt(m[8]), out);
    }

    /** The same dataset with more methods' curves (those already here are kept). */
    DatasetResult withCurves(Map<String, double[][]> more) {
        Map<String, double[][]> all = new java.util.LinkedHashMap<>(curves);
        more.forEach(all::putIfAbsent);
        return new DatasetResult(name, task, rows, pool, test, classes, fullPoolAccuracy, step, all);
    }

    double[] meanCurve(String method) {
        double[][] c = curves.get(method);
        double[] mean = new double[c[0].length];
        for (double[] seedCurve : c) {
            for (int i = 0; i < mean.length; i++) {
                mean[i] += seedCurve[i] / c.length;
            }
        }
        return mean;
    }

    /** Area under the budget curve: mean accuracy over the checkpoints, per seed. */
    double[] aubcPerSeed(String method) {
        double[][] c = curves.get(method);
        double[] a = new double[c.length];
        for (int s = 0; s < c.length; s++) {
            a[s] = java.util.Arrays.stream(c[s]).average().orElse(0);
        }
        return a;
    }

    /** Labels at which the mean curve first reaches {@code fraction} of full-pool accuracy; MAX_VALUE if never. */
    int labelsToReach(String method, double fraction) {
        double[] mean = meanCurve(method);
        for (int i = 0; i < mean.length; i++) {
            if (mean[i] >= fraction * fullPoolAccuracy) {
                return (i + 1) * step;
            }
        }
        return Integer.MAX_VALUE;
    }
}
