package io.labelloop.bench;

import io.labelloop.quality.internal.DawidSkene;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Consensus with simulated annotators (issue 18): on the true labels of a shared dataset, four annotators of
 * accuracy 0.95, 0.85, 0.70 and one answering at random (a wrong answer is a uniform other class), three of
 * them per item (chosen at random): accuracy of majority vote (ties: the first judgment) against Dawid-Skene,
 * and Dawid-Skene's estimate of each annotator's accuracy. In process, not through the API.
 * <p>{@code java -cp "$CP" io.labelloop.bench.ConsensusSimulation SEEDS FILE...}
 */
public final class ConsensusSimulation {

    private static final double[] ACCURACY = {0.95, 0.85, 0.70, -1};

    public static void main(String[] args) throws Exception {
        int seeds = Integer.parseInt(args[0]);
        System.out.println("dataset,items,classes,majority,dawidSkene,estimated0.95,estimated0.85,estimated0.70,estimatedRandom");
        for (int f = 1; f < args.length; f++) {
            List<Integer> truth = new ArrayList<>();
            Map<String, Integer> classes = new LinkedHashMap<>();
            Path path = Path.of(args[f]);
            try (Reader in = new InputStreamReader(path.toString().endsWith(".gz")
                    ? new GZIPInputStream(Files.newInputStream(path)) : Files.newInputStream(path), StandardCharsets.UTF_8)) {
                for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                    truth.add(classes.computeIfAbsent(r.get("label"), k -> classes.size()));
                }
            }
            int k = classes.size();
            double maj = 0;
            double ds = 0;
            double[] est = new double[4];
            for (int seed = 0; seed < seeds; seed++) {
                SplittableRandom rnd = new SplittableRandom(seed * 7919L + f);
                List<DawidSkene.Judgment> judgments = new ArrayList<>();
                int majRight = 0;
                for (int i = 0; i < truth.size(); i++) {
                    int t = truth.get(i);
                    int skip = rnd.nextInt(4);
                    int[] votes = new int[k];
                    int first = -1;
                    for (int a = 0; a < 4; a++) {
                        if (a == skip) {
                            continue;
                        }
                        int label;
                        if (ACCURACY[a] < 0) {
                            label = rnd.nextInt(k);
                        } else if (rnd.nextDouble() < ACCURACY[a]) {
                            label = t;
                        } else {
                            int other = rnd.nextInt(k - 1);
                            label = other >= t ? other + 1 : other;
                        }
                        judgments.add(new DawidSkene.Judgment(i, a, label));
                        votes[label]++;
                        first = first < 0 ? label : first;
                    }
                    int best = first;
                    for (int c = 0; c < k; c++) {
                        if (votes[c] > votes[best]) {
                            best = c;
                        }
                    }
                    majRight += best == t ? 1 : 0;
                }
                DawidSkene.Result r = DawidSkene.fit(truth.size(), 4, k, judgments, 100, 1e-6);
                int dsRight = 0;
                for (int i = 0; i < truth.size(); i++) {
                    dsRight += r.label(i) == truth.get(i) ? 1 : 0;
                }
                maj += (double) majRight / truth.size() / seeds;
                ds += (double) dsRight / truth.size() / seeds;
                for (int a = 0; a < 4; a++) {
                    est[a] += r.quality(a) / seeds;
                }
            }
            System.out.println(String.format(Locale.ROOT, "%s,%d,%d,%.4f,%.4f,%.3f,%.3f,%.3f,%.3f", path.getFileName(), truth.size(), k,
                    maj, ds, est[0], est[1], est[2], est[3]));
        }
    }
}
