package io.labelloop.learning.bench;

import java.util.List;
import java.util.Locale;

/** Small-multiple SVG of mean learning curves: one panel per dataset, one line per method. */
final class LearningCurvePlot {
    private static final int W = 300, H = 210, COLS = 4, PAD = 36;
    private static final String[] PALETTE = {"#9467bd", "#8c564b", "#e377c2", "#bcbd22", "#17becf", "#ff7f0e",
            "#2ca02c", "#7f7f7f", "#aec7e8", "#98df8a"};

    private LearningCurvePlot() {
    }

    static String svg(List<DatasetResult> results, String defaultMethod) {
        int rows = (results.size() + COLS - 1) / COLS;
        List<String> methods = BenchmarkReport.methods(results);
        int legendH = 20 * ((methods.size() + 5) / 6) + 10;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"10\">%n", COLS * W, rows * H + legendH));
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        for (int m = 0; m < methods.size(); m++) {
            int x = 10 + (m % 6) * 195, y = 15 + (m / 6) * 20;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" %s/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", x, y, x + 25, y, style(methods.get(m), m, defaultMethod),
                    x + 30, y + 4, methods.get(m)));
        }
        for (int i = 0; i < results.size(); i++) {
            panel(sb, results.get(i), methods, defaultMethod, (i % COLS) * W, legendH + (i / COLS) * H);
        }
        return sb.append("</svg>\n").toString();
    }

    private static void panel(StringBuilder sb, DatasetResult r, List<String> methods, String def, int ox, int oy) {
        double lo = 1, hi = 0;
        for (String m : methods.stream().filter(r.curves()::containsKey).toList()) {
            for (double v : r.meanCurve(m)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        hi = Math.max(hi, r.fullPoolAccuracy());
        lo = Math.max(0, lo - 0.02);
        hi = Math.min(1, hi + 0.02);
        int pw = W - PAD - 10, ph = H - PAD - 20;
        int x0 = ox + PAD, y0 = oy + 20;
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s (%d classes)</text>%n",
                x0, oy + 12, r.name(), r.classes()));
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#ccc\"/>%n", x0, y0, pw, ph));
        for (int t = 0; t <= 4; t++) {
            double v = lo + (hi - lo) * t / 4;
            double y = y0 + ph - ph * t / 4.0;
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.2f</text>%n",
                    x0 - 3, y + 3, v));
        }
        int n = r.curves().values().iterator().next()[0].length;
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%d labels</text>%n",
                x0 + pw, y0 + ph + 12, n * r.step()));
        double fy = y0 + ph - ph * (r.fullPoolAccuracy() - lo) / (hi - lo);
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"black\" "
                + "stroke-dasharray=\"2,3\"/>%n", x0, fy, x0 + pw, fy));
        for (int m = 0; m < methods.size(); m++) {
            if (!r.curves().containsKey(methods.get(m))) {
                continue;
            }
            double[] c = r.meanCurve(methods.get(m));
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < c.length; i++) {
                double x = x0 + pw * (i + 1.0) / c.length;
                double y = y0 + ph - ph * (c[i] - lo) / (hi - lo);
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            sb.append(String.format(Locale.ROOT, "<polyline fill=\"none\" points=\"%s\" %s/>%n", pts.toString().trim(),
                    style(methods.get(m), m, def)));
        }
    }

    private static String style(String method, int index, String def) {
        if (method.equals(def)) {
            return "stroke=\"#1f77b4\" stroke-width=\"2.5\"";
        }
        if (method.equals("RANDOM")) {
            return "stroke=\"black\" stroke-width=\"1.5\" stroke-dasharray=\"5,3\"";
        }
        if (method.equals(ReferenceCurves.LR_LEAST_CONFIDENCE)) {
            return "stroke=\"#d62728\" stroke-width=\"1.8\" stroke-dasharray=\"6,3\"";
        }
        if (method.equals(ReferenceCurves.LR_RANDOM)) {
            return "stroke=\"#7f7f7f\" stroke-width=\"1.5\" stroke-dasharray=\"6,3\"";
        }
        if (method.equals(ReferenceCurves.RF_LEAST_CONFIDENCE)) {
            return "stroke=\"#2ca02c\" stroke-width=\"1.8\" stroke-dasharray=\"6,3\"";
        }
        if (method.equals("SIMPLE_LOOP")) {
            return "stroke=\"#d62728\" stroke-width=\"1.8\"";
        }
        return "stroke=\"" + PALETTE[index % PALETTE.length] + "\" stroke-width=\"0.9\" stroke-opacity=\"0.75\"";
    }
}
