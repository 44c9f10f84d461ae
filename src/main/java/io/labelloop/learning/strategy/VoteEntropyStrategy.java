package io.labelloop.learning.strategy;

/**
 * Vote entropy for query-by-committee (Dagan &amp; Engelson 1995): with C members and V(y) the number
 * voting for y, score = -sum_y (V(y) / C) log (V(y) / C).
 */
public final class VoteEntropyStrategy implements PointwiseStrategy {
    @Override
    public double score(double[] p, double[][] committee, double featureNormSquared) {
        if (committee.length == 0) {
            return 0;
        }
        double[] votes = new double[p.length];
        for (double[] member : committee) {
            votes[Probabilities.argmax(member)] += 1.0 / committee.length;
        }
        return Probabilities.entropy(votes);
    }

    @Override
    public boolean needsCommittee() {
        return true;
    }
}
