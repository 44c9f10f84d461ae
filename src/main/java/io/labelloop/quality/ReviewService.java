package io.labelloop.quality;

import io.labelloop.project.Project;
import io.labelloop.quality.internal.JudgmentData;
import io.labelloop.shared.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The review queue (API 1.1, {@code GET /review}): items whose judgments disagree ({@code DISAGREEMENT},
 * score: the share of judgments against the final label, suggested: the most frequent other label) and
 * items whose consensus is unsure ({@code LOW_CONSENSUS}: confidence below {@link #LOW_CONFIDENCE},
 * score 1 - confidence) and items the latest model suspects are mislabeled ({@code SUSPECTED_ERROR}, from
 * {@link SuspectedErrors}: score 1 - the out-of-fold probability of the label, suggested: the model's label), not yet
 * reviewed, one entry per item (the highest score), highest score first. A review ({@code POST .../review}) sets the
 * final label, recorded with who and when; it wins over consensus (the triggers and Dawid-Skene leave it).
 */
@Service
public class ReviewService {

    static final double LOW_CONFIDENCE = 0.7;

    private final JudgmentData data;
    private final JdbcClient jdbc;
    private final SuspectedErrors suspects;

    ReviewService(JudgmentData data, JdbcClient jdbc, SuspectedErrors suspects) {
        this.data = data;
        this.jdbc = jdbc;
        this.suspects = suspects;
    }

    public enum Reason { DISAGREEMENT, LOW_CONSENSUS, SUSPECTED_ERROR }

    public record ReviewItem(long itemId, Reason reason, String currentLabel, String suggestedLabel, double score,
            List<String> judgments) {
    }

    public record Reviewed(long itemId, String label, String method, boolean reviewed, String reviewedBy, Instant reviewedAt) {
    }

    public List<ReviewItem> queue(Project project, int limit) {
        if (limit < 1 || limit > 1000) {
            throw ApiException.invalid("limit", "must be between 1 and 1000");
        }
        JudgmentData.Snapshot s = data.load(project.id(), project.labels());
        Map<Long, ReviewItem> out = new HashMap<>();
        Map<Long, List<String>> judgmentsOf = new HashMap<>();
        for (int i = 0; i < s.itemIds().size(); i++) {
            long item = s.itemIds().get(i);
            Integer fin = s.finals().get(item);
            if (fin == null || Boolean.TRUE.equals(s.reviewed().get(item))) {
                continue;
            }
            List<int[]> js = s.byItem().get(i);
            int[] votes = new int[s.classes().size()];
            js.forEach(j -> votes[j[1]]++);
            int other = -1;
            for (int c = 0; c < votes.length; c++) {
                if (c != fin && votes[c] > 0 && (other < 0 || votes[c] > votes[other])) {
                    other = c;
                }
            }
            List<String> judgments = js.stream().map(j -> s.annotators().get(j[0]) + ":" + s.classes().get(j[1])).toList();
            judgmentsOf.put(item, judgments);
            double confidence = s.confidences().getOrDefault(item, 1.0);
            if (other >= 0) {
                double against = 1.0 - (double) votes[fin] / js.size();
                out.put(item, new ReviewItem(item, Reason.DISAGREEMENT, s.classes().get(fin), s.classes().get(other),
                        Math.max(against, 1 - confidence), judgments));
            } else if (confidence < LOW_CONFIDENCE) {
                out.put(item, new ReviewItem(item, Reason.LOW_CONSENSUS, s.classes().get(fin), null, 1 - confidence, judgments));
            }
        }
        for (SuspectedErrors.Suspect e : suspects.open(project.id())) {
            ReviewItem before = out.get(e.itemId());
            if (before == null || before.score() < e.score()) {
                out.put(e.itemId(), new ReviewItem(e.itemId(), Reason.SUSPECTED_ERROR, e.label(), e.suggestedLabel(),
                        e.score(), judgmentsOf.getOrDefault(e.itemId(), List.of())));
            }
        }
        List<ReviewItem> sorted = new ArrayList<>(out.values());
        sorted.sort(Comparator.comparingDouble(ReviewItem::score).reversed().thenComparingLong(ReviewItem::itemId));
        return sorted.size() > limit ? List.copyOf(sorted.subList(0, limit)) : sorted;
    }

    /** Sets the item's final label as the reviewer's; 409 when the item has no human label to review. */
    public Reviewed review(Project project, long itemId, long reviewerId, String label) {
        if (label == null || !project.hasLabel(label)) {
            throw ApiException.invalid("label", "unknown label '" + label + "'; the project's labels are " + project.labels());
        }
        Reviewed reviewed = jdbc.sql("""
                with reviewed as (
                    update labels l set label = ?, reviewed_by = ?, reviewed_at = now(), updated_at = now()
                    where l.project_id = ? and l.item_id = ? and l.source = 'HUMAN'
                    returning l.item_id, l.label, l.reviewed_by, l.reviewed_at)
                select r.item_id, r.label, u.username, r.reviewed_at from reviewed r left join users u on u.id = r.reviewed_by""")
                .params(label, reviewerId, project.id(), itemId)
                .query((rs, n) -> new Reviewed(rs.getLong(1), rs.getString(2), "REVIEWED", true, rs.getString(3),
                        rs.getTimestamp(4).toInstant()))
                .optional()
                .orElseThrow(() -> exists(project.id(), itemId)
                        ? ApiException.conflict("item " + itemId + " has no human label to review yet")
                        : ApiException.notFound("item", itemId));
        suspects.clear(project.id(), itemId);
        return reviewed;
    }

    private boolean exists(long projectId, long itemId) {
        return jdbc.sql("select exists (select 1 from items where project_id = ? and id = ?)").params(projectId, itemId)
                .query(Boolean.class).single();
    }
}
