package io.labelloop.learning.features;

import io.labelloop.learning.encoding.ItemCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * Standardised numeric columns z = (x - mean) / sd. A missing value (NaN) becomes the mean (z = 0)
 * and, for columns that had missing values while fitting, sets an extra 0/1 indicator column
 * (mean imputation with a missingness indicator, as in Little &amp; Rubin, "Statistical Analysis
 * with Missing Data").
 */
public final class StandardScalerFeaturizer implements Featurizer {
    private final float[] mean;
    private final float[] inverseSd;
    private final int[] indicatorColumn; // per input column, -1 = no indicator

    private StandardScalerFeaturizer(float[] mean, float[] inverseSd, int[] indicatorColumn) {
        this.mean = mean;
        this.inverseSd = inverseSd;
        this.indicatorColumn = indicatorColumn;
    }

    /** Fits means and standard deviations (ignoring NaN) on encoded numeric items. */
    public static StandardScalerFeaturizer fit(List<byte[]> encodedItems) {
        int d = ItemCodec.readValues(encodedItems.get(0)).length;
        double[] sum = new double[d], sumSq = new double[d];
        int[] count = new int[d];
        boolean[] missing = new boolean[d];
        for (byte[] item : encodedItems) {
            float[] v = ItemCodec.readValues(item);
            for (int j = 0; j < d; j++) {
                if (Float.isNaN(v[j])) {
                    missing[j] = true;
                } else {
                    sum[j] += v[j];
                    sumSq[j] += (double) v[j] * v[j];
                    count[j]++;
                }
            }
        }
        float[] mean = new float[d], inv = new float[d];
        int[] indicator = new int[d];
        int next = d;
        for (int j = 0; j < d; j++) {
            double m = count[j] == 0 ? 0 : sum[j] / count[j];
            double var = count[j] == 0 ? 0 : Math.max(0, sumSq[j] / count[j] - m * m);
            mean[j] = (float) m;
            inv[j] = var > 1e-12 ? (float) (1 / Math.sqrt(var)) : 1f;
            indicator[j] = missing[j] ? next++ : -1;
        }
        return new StandardScalerFeaturizer(mean, inv, indicator);
    }

    @Override
    public int dimension() {
        int dim = mean.length;
        for (int c : indicatorColumn) {
            dim = Math.max(dim, c + 1);
        }
        return dim;
    }

    @Override
    public void featurize(byte[] encoded, FeatureBuffer out) {
        ItemCodec.ByteCursor c = new ItemCodec.ByteCursor(encoded, ItemCodec.FLOATS);
        int n = c.varint();
        if (n != mean.length) {
            throw new IllegalArgumentException("expected " + mean.length + " values, got " + n);
        }
        out.clearDense(dimension());
        float[] v = out.values;
        for (int j = n; j < out.size; j++) {
            v[j] = 0f;
        }
        for (int j = 0; j < n; j++) {
            float x = c.float32();
            if (Float.isNaN(x)) {
                v[j] = 0f;
                if (indicatorColumn[j] >= 0) {
                    v[indicatorColumn[j]] = 1f;
                }
            } else {
                v[j] = (x - mean[j]) * inverseSd[j];
            }
        }
    }

    @Override
    public String describe() {
        return "standardised(columns=" + mean.length + ", indicators=" + (dimension() - mean.length) + ")";
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
        out.writeInt(mean.length);
        for (int j = 0; j < mean.length; j++) {
            out.writeFloat(mean[j]);
            out.writeFloat(inverseSd[j]);
            out.writeInt(indicatorColumn[j]);
        }
    }

    static StandardScalerFeaturizer read(DataInputStream in) throws IOException {
        int d = in.readInt();
        float[] mean = new float[d], inv = new float[d];
        int[] ind = new int[d];
        for (int j = 0; j < d; j++) {
            mean[j] = in.readFloat();
            inv[j] = in.readFloat();
            ind[j] = in.readInt();
        }
        return new StandardScalerFeaturizer(mean, inv, ind);
    }
}
