package io.labelloop.item;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An item as the API shows it, with its labels and (once models exist) its latest prediction. */
public record ItemView(
        long id,
        String externalId,
        String text,
        Map<String, Float> features,
        String imageUrl,
        Map<String, Object> metadata,
        boolean synthetic,
        Provenance synthesis,
        Instant createdAt,
        List<LabelView> labels,
        Object prediction,
        List<JudgmentView> judgments,
        ConsensusView consensus) {

    /** One annotator's judgment of the item (projects with several judgments per item; else its human label). */
    public record JudgmentView(String annotator, String label, Instant judgedAt) {
    }

    /**
     * The item's final label from its judgments: {@code method} SINGLE (one judgment), MAJORITY, DAWID_SKENE
     * or REVIEWED (set by a reviewer, who wins over consensus), with its confidence.
     */
    public record ConsensusView(String label, Double confidence, String method, boolean reviewed, String reviewedBy,
            Instant reviewedAt) {
    }

    /**
     * How a synthetic item was made: the items it came from, the method ("interpolation", "rotation",
     * "word-swap"...), a one-line description, the named seed of the synthesis that made it (the same seed and
     * pool make the same drafts; null where none was recorded), and when it was marked not a
     * valid example (null if not).
     */
    public record Provenance(List<Long> derivedFrom, String method, String description, Long seed, Instant invalidAt) {
    }

    /** One label on the item and where it came from (HUMAN, IMPORTED, AUTO). */
    public record LabelView(String label, String source, String annotator, Instant labeledAt) {
    }
}
