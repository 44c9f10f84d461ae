package io.labelloop.learning.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Writes {@code synthesis.md}: AUBC and labels to 95% with synthesis off, on and as training copies. */
final class SynthesisReport {
    private static final String PROTOCOL = """
            Protocol:
            - Same split, model and default strategy (`UNCERTAINTY_DIVERSITY`, cold-start first batch) as \
            `docs/label-efficiency.md`; pool capped at %d items and test set at %d (stratified, seed 42).
            - **OFF**: the default strategy alone, 20 real items per round.
            - **QUERY** (synthesis on): each round first asks `Synthesizer.synthesize` for 5 drafts (25%% of the 20 \
            requests) from the labeled items plus a random sample of %d unlabeled pool items with the current model's \
            uncertainty 1 - (p1 - p2); every validly labeled draft costs one label of the budget and joins the training \
            set (and the next rounds' seeds); the rest of the 20 are real items from the default strategy, so every \
            checkpoint is at the same number of labels.
            - **AUGMENT**: OFF plus one label-preserving copy of every human-labeled item \
            (`Synthesizer.labelPreservingCopies`: image edits, tabular noise) added to each training set with its \
            parent's label, free of budget.
            - Oracle for synthetic items (the files hold no labels for them): an IMAGE draft is a small edit of one \
            real digit, so it gets that item's true label; a TABULAR draft gets the majority true label of its 5 \
            nearest real pool items (standardised distance) if at least 4 agree, otherwise it is "not a valid \
            example" and costs nothing. The oracle knows the pool's labels (as an expert knows the domain), never \
            the test items'.
            - Accuracy is measured on the real held-out test items only. AUBC = mean accuracy over the checkpoints \
            20, 40, ..., budget; labels to 95%% = first checkpoint where the seed-averaged curve reaches 95%% of the \
            accuracy of a model trained on the whole pool. "paired" = mean per-seed difference ± its standard error \
            and the seeds where the variant beat OFF.

            """;

    private SynthesisReport() {
    }

    static void write(Path out, Path raw, int seeds, int budget, int step, int maxPool, int maxTest) throws IOException {
        List<DatasetResult> results = new ArrayList<>();
        try (Stream<Path> files = Files.list(raw)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
                results.add(DatasetResult.fromCsv(Files.readAllLines(f)));
            }
        }
        results.sort(Comparator.comparing((DatasetResult r) -> r.task().ordinal()).thenComparing(DatasetResult::name));
        StringBuilder md = new StringBuilder("# Membership query synthesis: does it save labels?\n\n");
        md.append(String.format(Locale.ROOT, "Oracle simulation, %d seeds, budget %d, retrain every %d labels. "
                + "Reproduce with `nice bench/synthesis.sh` (`SynthesisBenchmark`); this table came from "
                + "`nice bench/synthesis.sh --datasets sklearn,iris,wine,breast,vehicle,soybean,credit,hpc,satellite`, "
                + "`nice bench/synthesis.sh --datasets mnist --seeds 4 --max-pool 2000` and "
                + "`bench/synthesis.sh --report-only true` (about 10 minutes in all on two shared cores). "
                + "Per-dataset curves in `synthesis-raw/`.%n%n", seeds, budget, step));
        md.append(String.format(Locale.ROOT, PROTOCOL, maxPool, maxTest, SynthesisRun.SEED_SAMPLE));
        md.append("| dataset | task | pool/test | full-pool acc | AUBC OFF | AUBC QUERY | QUERY − OFF (paired) "
                + "| AUBC AUGMENT | AUGMENT − OFF (paired) | labels to 95%: OFF / QUERY / AUGMENT "
                + "| synthetic asked / labeled per run |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (DatasetResult r : results) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %d/%d | %.3f | %.3f | %s | %s | %s | %s | %s / %s / %s "
                            + "| %s |%n", r.name(), r.task(), r.pool(), r.test(), r.fullPoolAccuracy(),
                    mean(r.aubcPerSeed("OFF")), aubc(r, "QUERY"), paired(r, "QUERY"), aubc(r, "AUGMENT"),
                    paired(r, "AUGMENT"), toReach(r, "OFF", budget), toReach(r, "QUERY", budget),
                    toReach(r, "AUGMENT", budget), synthetic(raw, r.name())));
        }
        md.append("\n## Per dataset\n\n");
        for (DatasetResult r : results) {
            md.append("- **").append(r.name()).append("**: ").append(verdict(r, "QUERY", "synthesis on"))
                    .append("; ").append(verdict(r, "AUGMENT", "training copies")).append(".\n");
        }
        Files.writeString(out.resolve("synthesis.md"), md + SynthesisConclusion.TEXT);
    }

    private static String aubc(DatasetResult r, String mode) {
        return r.curves().containsKey(mode) ? String.format(Locale.ROOT, "%.3f", mean(r.aubcPerSeed(mode))) : "n/a";
    }

    private static String paired(DatasetResult r, String mode) {
        if (!r.curves().containsKey(mode)) {
            return "n/a";
        }
        double[] d = difference(r, mode);
        long wins = java.util.Arrays.stream(d).filter(x -> x > 0).count();
        return String.format(Locale.ROOT, "%+.3f ± %.3f (%d/%d)", mean(d), standardError(d), wins, d.length);
    }

    private static String verdict(DatasetResult r, String mode, String name) {
        if (!r.curves().containsKey(mode)) {
            return name + " not run";
        }
        double[] d = difference(r, mode);
        double m = mean(d), se = standardError(d);
        String what = m > 2 * se ? "helps" : m < -2 * se ? "hurts" : "makes no clear difference";
        return String.format(Locale.ROOT, "%s %s (AUBC %+.3f ± %.3f; labels to 95%% %s vs %s)", name, what, m, se,
                toReach(r, mode, Integer.MAX_VALUE), toReach(r, "OFF", Integer.MAX_VALUE));
    }

    private static double[] difference(DatasetResult r, String mode) {
        double[] a = r.aubcPerSeed(mode), b = r.aubcPerSeed("OFF");
        double[] d = new double[Math.min(a.length, b.length)];
        for (int s = 0; s < d.length; s++) {
            d[s] = a[s] - b[s];
        }
        return d;
    }

    private static String toReach(DatasetResult r, String mode, int budget) {
        if (!r.curves().containsKey(mode)) {
            return "n/a";
        }
        int n = r.labelsToReach(mode, 0.95);
        return n == Integer.MAX_VALUE ? ">" + (budget == Integer.MAX_VALUE ? r.step() * r.meanCurve(mode).length : budget)
                : String.valueOf(n);
    }

    private static String synthetic(Path raw, String name) throws IOException {
        Path f = raw.resolve(name + ".synthetic");
        if (!Files.exists(f)) {
            return "n/a";
        }
        double asked = 0, valid = 0;
        int runs = 0;
        for (String line : Files.readAllLines(f)) {
            String[] p = line.split(",");
            if (p[0].equals("QUERY")) {
                asked += Integer.parseInt(p[2]);
                valid += Integer.parseInt(p[3]);
                runs++;
            }
        }
        return runs == 0 ? "n/a" : String.format(Locale.ROOT, "%.0f / %.0f", asked / runs, valid / runs);
    }

    private static double mean(double[] x) {
        return java.util.Arrays.stream(x).average().orElse(Double.NaN);
    }

    private static double standardError(double[] x) {
        double m = mean(x), s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return x.length < 2 ? 0 : Math.sqrt(s / (x.length - 1) / x.length);
    }
}
