package io.labelloop.learning;

import java.util.List;

/**
 * Which model family (over which representation) a model version was trained as, and why.
 *
 * @param family            the family trained
 * @param representation    the features it starts from
 * @param automatic         chosen by cross-validation ({@code AUTO}) rather than pinned by a lead
 * @param candidates        what was compared when the choice was made (empty when nothing was compared)
 * @param reason            a sentence for people, e.g. "chosen automatically: CV log-loss 0.41 vs LINEAR 0.63"
 * @param labelsWhenDecided label count when the candidates were compared (0: not compared yet)
 */
public record FamilyChoice(ModelFamily family, Representation representation, boolean automatic,
                           List<CandidateScore> candidates, String reason, int labelsWhenDecided) {

    public FamilyChoice {
        candidates = List.copyOf(candidates);
    }

    /** What model bytes of format 1 (before model families) were: linear on the task's features. */
    static FamilyChoice beforeFamilies() {
        return new FamilyChoice(ModelFamily.LINEAR, Representation.STANDARD, false, List.of(),
                "linear model (trained before model families were compared)", 0);
    }

    public FamilyCandidate candidate() {
        return new FamilyCandidate(family, representation);
    }

    /** Cross-validated quality of one compared candidate (NaN when it was not measured, e.g. too costly to score). */
    public record CandidateScore(ModelFamily family, Representation representation, double cvLogLoss, double cvAccuracy) {
    }
}
