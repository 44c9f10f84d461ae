package io.labelloop.quality;

import io.labelloop.project.Project;
import io.labelloop.quality.internal.DawidSkene;
import io.labelloop.quality.internal.JudgmentData;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Each item's final label from its judgments. The label triggers keep the majority ({@code R__judgments_settle.sql}) as
 * judgments arrive; once at least {@link #MIN_ITEMS_FOR_DAWID_SKENE} items have two judgments or more,
 * {@link #settle} re-decides the items with several judgments by Dawid-Skene EM over every judgment of
 * the project (annotator confusion matrices), with the posterior as confidence. A single judgment stays
 * its own final label; a reviewed label is never changed. The training cycle settles before it reads labels.
 */
@Service
public class ConsensusService {

    /** Items with two judgments or more before the annotators' confusion matrices are estimated. */
    public static final int MIN_ITEMS_FOR_DAWID_SKENE = 20;

    private final JudgmentData data;
    private final JdbcTemplate jdbc;

    ConsensusService(JudgmentData data, JdbcTemplate jdbc) {
        this.data = data;
        this.jdbc = jdbc;
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

    /** Re-decides the final labels of items with several judgments; returns how many it wrote. */
    public int settle(Project project) {
        if (!project.team().severalJudgments()) {
            return 0;
        }
        JudgmentData.Snapshot s = data.load(project.id(), project.labels());
        DawidSkene.Result r = fit(s);
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
