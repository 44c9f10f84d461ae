package io.labelloop.learning.strategy;

/**
 * Consensus KL divergence for query-by-committee (McCallum &amp; Nigam 1998): with members P_c and their
 * mean P_C = (1/C) sum_c P_c, score = (1/C) sum_c KL(P_c || P_C).
 */
public final class ConsensusKlStrategy implements PointwiseStrategy {
    @Override
    public double score(double[] p, double[][] committee, double featureNormSquared) {
        if (committee.length == 0) {
            return 0;
        }
        double[] mean = new double[p.length];
        for (double[] member : committee) {
            for (int k = 0; k < p.length; k++) {
                mean[k] += member[k] / committee.length;
            }
        }
        double total = 0;
        for (double[] member : committee) {
            total += Probabilities.klDivergence(member, mean);
        }
        return total / committee.length;
    }

    @Override
    public boolean needsCommittee() {
        return true;
    }
}
