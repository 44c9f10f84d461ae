package io.labelloop.quality;

import io.labelloop.project.Project;
import io.labelloop.quality.internal.DawidSkene;
import io.labelloop.quality.internal.JudgmentData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Each item's final label from its judgments. The label triggers keep the majority ({@code R__judgments_settle.sql}) as
 * judgments arrive; once at least {@link #MIN_ITEMS_FOR_DAWID_SKENE} items have two judgments or more,
 * {@link #settle} re-decides the items with several judgments by Dawid-Skene EM over every judgment of
 * the project (annotator confusion matrices), with the posterior as confidence. A single judgment stays
 * its own final label; a reviewed label is never changed. The training cycle settles before it reads labels.
 * The latest model's out-of-fold labels ({@link ModelVotes}) count as one more voter, weighed by the confusion
 * Dawid-Skene estimates for it (as CROWDLAB does), when the model agrees with the consensus more often than a judgment
 * is right on average (the annotators' estimated accuracies weighted by their judgments); otherwise it is left out.
 */
@Service
public class ConsensusService {

    /** Items with two judgments or more before the annotators' confusion matrices are estimated. */
    public static final int MIN_ITEMS_FOR_DAWID_SKENE = 20;

    private final JudgmentData data;
    private final JdbcTemplate jdbc;
    private final ModelVotes modelVotes;

    ConsensusService(JudgmentData data, JdbcTemplate jdbc, ModelVotes modelVotes) {
        this.data = data;
        this.jdbc = jdbc;
        this.modelVotes = modelVotes;
    }

    /** The model's label of an item (its out-of-fold prediction). */
    public record ModelVote(long itemId, String label) {
    }

    /** Keeps a model version's votes for the next settling (projects with several judgments per item only). */
    public void rememberModelVotes(Project project, int modelVersion, List<ModelVote> votes) {
        if (project.team().severalJudgments()) {
            modelVotes.replace(project.id(), modelVersion, votes);
        }
    }

    /** The consensus of a snapshot: DS when enough items have several judgments, else null (majority stays). */
    public static DawidSkene.Result fit(JudgmentData.Snapshot s) {
        long multi = s.byItem().stream().filter(js -> js.size() >= 2).count();
        if (multi < MIN_ITEMS_FOR_DAWID_SKENE || s.annotators().size() < 2) {
            return null;
        }
        List<DawidSkene.Judgment> judgments = new ArrayList<>();
        for (int i = 0; i < s.byItem().size(); i++) {
            for (int[] j : s.byItem().get(i)) {
                judgments.add(new DawidSkene.Judgment(i, j[0], j[1]));
            }
        }
        return DawidSkene.fit(s.itemIds().size(), s.annotators().size(), s.classes().size(), judgments, 100, 1e-6);
    }

    /**
     * The consensus with the model's labels ({@code votes}: item id to label) as one more annotator when it passes
     * the guard: its agreement with the consensus without it, over the items with several judgments it voted on, above
     * the judgment-weighted mean of the annotators' estimated accuracies. Else (or with no votes) {@link #fit(JudgmentData.Snapshot)}.
     */
    public static DawidSkene.Result fit(JudgmentData.Snapshot s, Map<Long, String> votes) {
        DawidSkene.Result without = fit(s);
        if (without == null || votes.isEmpty()) {
            return without;
        }
        List<DawidSkene.Judgment> judgments = new ArrayList<>();
        int[] perAnnotator = new int[s.annotators().size()];
        int voted = 0;
        int agreed = 0;
        for (int i = 0; i < s.byItem().size(); i++) {
            for (int[] j : s.byItem().get(i)) {
                judgments.add(new DawidSkene.Judgment(i, j[0], j[1]));
                perAnnotator[j[0]]++;
            }
            int vote = s.classes().indexOf(votes.getOrDefault(s.itemIds().get(i), ""));
            if (vote >= 0 && s.byItem().get(i).size() >= 2) {
                judgments.add(new DawidSkene.Judgment(i, s.annotators().size(), vote));
                voted++;
                agreed += vote == without.label(i) ? 1 : 0;
            }
        }
        double meanAccuracy = 0;
        int total = judgments.size() - voted;
        for (int a = 0; a < perAnnotator.length; a++) {
            meanAccuracy += without.quality(a) * perAnnotator[a] / total;
        }
        if (voted < MIN_ITEMS_FOR_DAWID_SKENE || (double) agreed / voted <= meanAccuracy) {
            return without;
        }
        return DawidSkene.fit(s.itemIds().size(), s.annotators().size() + 1, s.classes().size(), judgments, 100, 1e-6);
    }

    /** Re-decides the final labels of items with several judgments; returns how many it wrote. */
    public int settle(Project project) {
        if (!project.team().severalJudgments()) {
            return 0;
        }
        JudgmentData.Snapshot s = data.load(project.id(), project.labels());
        DawidSkene.Result r = fit(s, modelVotes.of(project.id()));
        if (r == null) {
            return 0;
        }
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < s.itemIds().size(); i++) {
            long item = s.itemIds().get(i);
            if (s.byItem().get(i).size() >= 2 && Boolean.TRUE.equals(s.derived().get(item))
                    && !Boolean.TRUE.equals(s.reviewed().get(item))) {
                rows.add(new Object[] {s.classes().get(r.label(i)), r.confidence(i), item});
            }
        }
        int written = 0;
        for (int[] n : jdbc.batchUpdate("""
                update labels set label = ?, confidence = ?, consensus_method = 'DAWID_SKENE',
                       updated_at = case when label = ? then updated_at else now() end
                where item_id = ? and source = 'HUMAN' and from_judgments and reviewed_at is null""",
                rows.stream().map(row -> new Object[] {row[0], row[1], row[0], row[2]}).toList(), 500,
                (ps, row) -> {
                    ps.setString(1, (String) row[0]);
                    ps.setDouble(2, (Double) row[1]);
                    ps.setString(3, (String) row[2]);
                    ps.setLong(4, (Long) row[3]);
                })) {
            for (int updated : n) {
                written += updated;
            }
        }
        return written;
    }
}
