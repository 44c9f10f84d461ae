package io.labelloop.learning.model;

import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import org.tribuo.math.Parameters;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.la.DenseSparseMatrix;
import org.tribuo.math.la.Tensor;
import org.tribuo.math.la.VectorTuple;

/**
 * AdaGrad (Duchi, Hazan &amp; Singer 2011) for Tribuo's SGD trainers with an L2 penalty applied as
 * decoupled weight decay (Loshchilov &amp; Hutter 2019): after every pass over the n training examples the
 * weights are multiplied by (1 - rate * lambda)^n, the shrinkage of n SGD steps on (lambda / 2) ||W||^2.
 * The AdaGrad step walks the sparse rows of the gradient directly (Tribuo's own AdaGrad iterates a
 * {@link DenseSparseMatrix} slowly when there are many classes); the update rule is the same:
 * g &lt;- rate * g / (epsilon + sqrt(sum of squared past g)). Tribuo 4.3.2's AdaGradRDA accepts an l2 argument
 * that has no measurable effect, so it is not used.
 */
final class DecayedAdaGrad implements StochasticGradientOptimiser {
    private static final double EPSILON = SparseSoftmaxTrainer.EPSILON;
    private final double learningRate;
    private final double lambda;
    private final int examplesPerEpoch;
    private Parameters parameters;
    private double[][][] squares;
    private long steps;
    private DenseSparseMatrix emptyUpdate;

    DecayedAdaGrad(double learningRate, double lambda, int examplesPerEpoch) {
        this.learningRate = learningRate;
        this.lambda = lambda;
        this.examplesPerEpoch = examplesPerEpoch;
    }

    @Override
    public void initialise(Parameters parameters) {
        this.parameters = parameters;
        Tensor[] p = parameters.get();
        squares = new double[p.length][][];
        for (int i = 0; i < p.length; i++) {
            int[] shape = p[i].getShape();
            squares[i] = new double[shape[0]][shape.length > 1 ? shape[1] : 1];
        }
        steps = 0;
    }

    @Override
    public Tensor[] step(Tensor[] updates, double weight) {
        if (lambda > 0 && ++steps % examplesPerEpoch == 0) {
            double factor = Math.pow(Math.max(0, 1 - learningRate * lambda), examplesPerEpoch);
            for (Tensor t : parameters.get()) {
                t.scaleInPlace(factor);
            }
        }
        Tensor[] params = parameters.get();
        for (int i = 0; i < updates.length; i++) {
            double[][] g2 = squares[i];
            if (updates[i] instanceof DenseSparseMatrix m && params[i] instanceof DenseMatrix w) {
                // apply the step to the weights here and hand Tribuo an empty update: its generic
                // dense-plus-sparse addition dominates training time otherwise
                for (int r = 0; r < m.getDimension1Size(); r++) {
                    double[] g2r = g2[r];
                    for (VectorTuple t : m.getRow(r)) {
                        double g = t.value * weight;
                        g2r[t.index] += g * g;
                        w.add(r, t.index, learningRate * g / (EPSILON + Math.sqrt(g2r[t.index])));
                    }
                }
                updates[i] = empty(m);
            } else if (updates[i] instanceof DenseMatrix m) {
                for (int r = 0; r < m.getDimension1Size(); r++) {
                    for (int c = 0; c < m.getDimension2Size(); c++) {
                        double g = m.get(r, c) * weight;
                        g2[r][c] += g * g;
                        m.set(r, c, learningRate * g / (EPSILON + Math.sqrt(g2[r][c])));
                    }
                }
            } else {
                throw new IllegalStateException("unsupported gradient " + updates[i].getClass());
            }
        }
        return updates;
    }

    private DenseSparseMatrix empty(DenseSparseMatrix like) {
        if (emptyUpdate == null || emptyUpdate.getDimension1Size() != like.getDimension1Size()
                || emptyUpdate.getDimension2Size() != like.getDimension2Size()) {
            emptyUpdate = new DenseSparseMatrix(like.getDimension1Size(), like.getDimension2Size());
        }
        return emptyUpdate;
    }

    @Override
    public void finalise() {
        // plain AdaGrad keeps no averaged state
    }

    @Override
    public void reset() {
        squares = null;
        steps = 0;
    }

    @Override
    public DecayedAdaGrad copy() {
        return new DecayedAdaGrad(learningRate, lambda, examplesPerEpoch);
    }

    @Override
    public ConfiguredObjectProvenance getProvenance() {
        return new ConfiguredObjectProvenanceImpl(new org.tribuo.math.optimisers.AdaGrad(learningRate, EPSILON),
                "StochasticGradientOptimiser");
    }

    @Override
    public String toString() {
        return "DecayedAdaGrad(learningRate=" + learningRate + ",lambda=" + lambda + ")";
    }
}
