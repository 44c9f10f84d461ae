package io.labelloop.quality;

import io.labelloop.annotation.GoldItems;
import io.labelloop.learning.HoldoutAccuracy;
import io.labelloop.project.Project;
import io.labelloop.quality.internal.AgreementStatistics;
import io.labelloop.quality.internal.DawidSkene;
import io.labelloop.quality.internal.JudgmentData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * How well a project's annotators agree (API 1.1, {@code GET /agreement}): Krippendorff's alpha
 * (nominal) over the items with two judgments or more, with a bootstrap 95% interval (1,000 resamples
 * of the items, fixed seed); Cohen's kappa for each pair of annotators on the items both judged;
 * per-class agreement; per annotator the judgments, the share that agrees with the item's final label
 * (on items with several judgments, where that says something), with Dawid-Skene the estimated accuracy, and the
 * speed: median seconds per judgment (the time since the annotator's previous one, breaks over 10 minutes left out).
 */
@Service
public class AgreementService {

    static final int BOOTSTRAP_ROUNDS = 1000;
    static final long BOOTSTRAP_SEED = 18;

    private final JudgmentData data;
    private final GoldItems gold;

    AgreementService(JudgmentData data, GoldItems gold) {
        this.data = data;
        this.gold = gold;
    }

    public record Agreement(long items, long judgments, long itemsWithSeveral, Double alpha, Double alphaLow95,
            Double alphaHigh95, String consensusMethod, List<Pair> pairs, List<ClassAgreement> perClass,
            List<Annotator> annotators) {
    }

    public record Pair(String a, String b, long items, Double kappa) {
    }

    public record ClassAgreement(String label, Double agreement) {
    }

    /**
     * One annotator: judgments, those on items with several, the share of those agreeing with the final label,
     * Dawid-Skene's estimated accuracy, and on gold items the answers, accuracy and its exact (Clopper-Pearson) 95% interval.
     */
    public record Annotator(String username, long labels, long judgedWithOthers, Double agreementWithConsensus,
            Double estimatedAccuracy, long goldAnswered, Double goldAccuracy, Double goldLow95, Double goldHigh95,
            Double medianSecondsPerJudgment) {
    }

    public Agreement of(Project project) {
        JudgmentData.Snapshot s = data.load(project.id(), project.labels());
        int classes = s.classes().size();
        List<int[]> units = s.units();
        double alpha = AgreementStatistics.krippendorffAlpha(units, classes);
        double[] interval = AgreementStatistics.alphaInterval(units, classes, BOOTSTRAP_ROUNDS, 0.95, BOOTSTRAP_SEED);
        DawidSkene.Result ds = ConsensusService.fit(s);

        int annotators = s.annotators().size();
        long[] labels = new long[annotators];
        long[] withOthers = new long[annotators];
        long[] agreeing = new long[annotators];
        Map<Long, List<int[]>> pairLabels = new HashMap<>(); // key a * annotators + b -> [label a, label b]
        long several = 0;
        for (int i = 0; i < s.itemIds().size(); i++) {
            List<int[]> js = s.byItem().get(i);
            Integer fin = s.finals().get(s.itemIds().get(i));
            for (int[] j : js) {
                labels[j[0]]++;
                if (js.size() >= 2) {
                    withOthers[j[0]]++;
                    agreeing[j[0]] += fin != null && fin == j[1] ? 1 : 0;
                }
            }
            if (js.size() >= 2) {
                several++;
                for (int x = 0; x < js.size(); x++) {
                    for (int y = x + 1; y < js.size(); y++) {
                        int[] p = js.get(x)[0] < js.get(y)[0] ? new int[] {js.get(x)[1], js.get(y)[1]} : new int[] {js.get(y)[1], js.get(x)[1]};
                        long key = (long) Math.min(js.get(x)[0], js.get(y)[0]) * annotators + Math.max(js.get(x)[0], js.get(y)[0]);
                        pairLabels.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
                    }
                }
            }
        }
        List<Pair> pairs = new ArrayList<>();
        pairLabels.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            int[] a = e.getValue().stream().mapToInt(p -> p[0]).toArray();
            int[] b = e.getValue().stream().mapToInt(p -> p[1]).toArray();
            pairs.add(new Pair(s.annotators().get((int) (e.getKey() / annotators)), s.annotators().get((int) (e.getKey() % annotators)),
                    a.length, finite(AgreementStatistics.cohenKappa(a, b, classes))));
        });
        double[] perClass = AgreementStatistics.perClassAgreement(units, classes);
        List<ClassAgreement> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ClassAgreement(s.classes().get(c), finite(perClass[c])));
        }
        Map<String, GoldItems.Accuracy> golds = new java.util.LinkedHashMap<>();
        gold.accuracy(project.id()).forEach(g -> golds.put(g.username(), g));
        Map<String, Double> speed = data.medianSeconds(project.id());
        List<Annotator> people = new ArrayList<>();
        for (int a = 0; a < annotators; a++) {
            people.add(annotator(s.annotators().get(a), labels[a], withOthers[a],
                    withOthers[a] == 0 ? null : (double) agreeing[a] / withOthers[a], ds == null ? null : ds.quality(a),
                    golds.remove(s.annotators().get(a)), speed.get(s.annotators().get(a))));
        }
        golds.values().forEach(g -> people.add(annotator(g.username(), 0, 0, null, null, g, null)));
        return new Agreement(s.itemIds().size(), s.judgments(), several, finite(alpha), finite(interval[0]), finite(interval[1]),
                ds == null ? "MAJORITY" : "DAWID_SKENE", pairs, byClass, people);
    }

    private static Annotator annotator(String username, long labels, long withOthers, Double agreement, Double estimated,
            GoldItems.Accuracy g, Double seconds) {
        if (g == null || g.answered() == 0) {
            return new Annotator(username, labels, withOthers, agreement, estimated, 0, null, null, null, seconds);
        }
        HoldoutAccuracy acc = HoldoutAccuracy.of((int) g.answered(), (int) g.right());
        return new Annotator(username, labels, withOthers, agreement, estimated, g.answered(), acc.accuracy(), acc.low95(),
                acc.high95(), seconds);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
