package io.labelloop.learning.features;

import io.labelloop.learning.FeaturizerParameters;
import io.labelloop.learning.encoding.ItemCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * Standardised numeric columns z = (t(x) - mean) / sd, clipped to [-{@value #CLIP}, {@value #CLIP}], where t is
 * log(1 + x) for non-negative columns whose skewness exceeds {@value #SKEW_LIMIT} (heavy-tailed counts, a Box &amp;
 * Cox 1964 style transform) and the identity otherwise. A missing value (NaN) becomes the mean (z = 0)
 * and, for columns that had missing values while fitting, sets an extra 0/1 indicator column
 * (mean imputation with a missingness indicator, as in Little &amp; Rubin, "Statistical Analysis
 * with Missing Data"). A column that did not vary while fitting (one value, or none: a column that items uploaded after
 * the fitted ones brought) reads as its mean whatever its value, z = 0: nothing was learnt from it, and a distance-based
 * model (the kernel family) would otherwise place every item with another value far from all it was trained on.
 * Items may be narrower than others (stored before the project's features widened): the
 * columns they lack are missing values. Columns wider than the fitted width (added after fitting) are ignored.
 */
public final class StandardScalerFeaturizer implements Featurizer {
    /** Standardised values are clipped to +-CLIP. */
    public static final float CLIP = 5f;
    /** Skewness above which a non-negative column is log-transformed. */
    public static final double SKEW_LIMIT = 2.0;
    private final float[] mean;
    private final float[] inverseSd;
    private final int[] indicatorColumn; // per input column, -1 = no indicator
    private final boolean[] logged;

    private StandardScalerFeaturizer(float[] mean, float[] inverseSd, int[] indicatorColumn, boolean[] logged) {
        this.mean = mean;
        this.inverseSd = inverseSd;
        this.indicatorColumn = indicatorColumn;
        this.logged = logged;
    }

    /** Fits means and standard deviations (ignoring NaN) on encoded numeric items, as wide as the widest of them. */
    public static StandardScalerFeaturizer fit(List<byte[]> encodedItems) {
        int d = ItemCodec.maxWidth(encodedItems);
        Moments[] raw = new Moments[d], log = new Moments[d];
        boolean[] missing = new boolean[d];
        boolean[] negative = new boolean[d];
        for (int j = 0; j < d; j++) {
            raw[j] = new Moments();
            log[j] = new Moments();
        }
        for (byte[] item : encodedItems) {
            float[] v = ItemCodec.readValues(item, d);
            for (int j = 0; j < d; j++) {
                if (Float.isNaN(v[j])) {
                    missing[j] = true;
                } else {
                    raw[j].add(v[j]);
                    negative[j] |= v[j] < 0;
                    log[j].add(v[j] < 0 ? 0 : Math.log1p(v[j]));
                }
            }
        }
        float[] mean = new float[d], inv = new float[d];
        int[] indicator = new int[d];
        boolean[] logged = new boolean[d];
        int next = d;
        for (int j = 0; j < d; j++) {
            logged[j] = !negative[j] && raw[j].skewness() > SKEW_LIMIT;
            Moments m = logged[j] ? log[j] : raw[j];
            mean[j] = (float) m.mean();
            double var = m.variance();
            inv[j] = var > 1e-12 ? (float) (1 / Math.sqrt(var)) : 0f;
            indicator[j] = missing[j] ? next++ : -1;
        }
        return new StandardScalerFeaturizer(mean, inv, indicator, logged);
    }

    /** Running count, mean, and second and third central moments (Welford / Terriberry). */
    private static final class Moments {
        private long n;
        private double mean, m2, m3;

        void add(double x) {
            long n1 = n++;
            double delta = x - mean, deltaN = delta / n, term1 = delta * deltaN * n1;
            mean += deltaN;
            m3 += term1 * deltaN * (n - 2) - 3 * deltaN * m2;
            m2 += term1;
        }

        double mean() {
            return n == 0 ? 0 : mean;
        }

        double variance() {
            return n == 0 ? 0 : m2 / n;
        }

        double skewness() {
            return m2 <= 0 ? 0 : Math.sqrt(n) * m3 / Math.pow(m2, 1.5);
        }
    }

    @Override
    public long approximateBytes() {
        return 64 + mean.length * 13L;
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
    public int[] columnsIn(Featurizer earlier) {
        boolean same = earlier instanceof StandardScalerFeaturizer s && s.mean.length == mean.length
                && java.util.Arrays.equals(s.indicatorColumn, indicatorColumn);
        return same ? java.util.stream.IntStream.range(0, dimension()).toArray() : null;
    }

    @Override
    public void featurize(byte[] encoded, FeatureBuffer out) {
        ItemCodec.ByteCursor c = new ItemCodec.ByteCursor(encoded, ItemCodec.FLOATS);
        int n = Math.min(c.varint(), mean.length);
        out.clearDense(dimension());
        float[] v = out.values;
        for (int j = n; j < out.size; j++) {
            v[j] = 0f;
        }
        for (int j = 0; j < mean.length; j++) {
            float x = j < n ? c.float32() : Float.NaN;
            if (Float.isNaN(x)) {
                v[j] = 0f;
                if (indicatorColumn[j] >= 0) {
                    v[indicatorColumn[j]] = 1f;
                }
            } else {
                float t = logged[j] ? (float) Math.log1p(Math.max(0f, x)) : x;
                v[j] = Math.max(-CLIP, Math.min(CLIP, (t - mean[j]) * inverseSd[j]));
            }
        }
    }

    @Override
    public FeaturizerParameters parameters() {
        return new FeaturizerParameters.Standardised(mean.length, mean.clone(), inverseSd.clone(), logged.clone(),
                indicatorColumn.clone(), CLIP, dimension());
    }

    @Override
    public String describe() {
        int logs = 0;
        for (boolean l : logged) {
            logs += l ? 1 : 0;
        }
        return "standardised(columns=" + mean.length + ", log1p=" + logs + ", indicators=" + (dimension() - mean.length)
                + ", clip=" + CLIP + ")";
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
        out.writeInt(mean.length);
        for (int j = 0; j < mean.length; j++) {
            out.writeFloat(mean[j]);
            out.writeFloat(inverseSd[j]);
            out.writeInt(indicatorColumn[j]);
            out.writeBoolean(logged[j]);
        }
    }

    static StandardScalerFeaturizer read(DataInputStream in) throws IOException {
        int d = in.readInt();
        float[] mean = new float[d], inv = new float[d];
        int[] ind = new int[d];
        boolean[] logged = new boolean[d];
        for (int j = 0; j < d; j++) {
            mean[j] = in.readFloat();
            inv[j] = in.readFloat();
            ind[j] = in.readInt();
            logged[j] = in.readBoolean();
        }
        return new StandardScalerFeaturizer(mean, inv, ind, logged);
    }
}
