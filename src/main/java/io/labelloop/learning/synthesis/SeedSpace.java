package io.labelloop.learning.synthesis;

import io.labelloop.learning.TaskType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Short dense vectors of the seeds for distances (starting points, neighbours, near-duplicates):
 * TABULAR values standardised by the seeds' mean and sd (missing = mean), IMAGE pixels as they are, each
 * reduced to {@value #DIMENSIONS} dimensions by a fixed Gaussian random projection when wider (distances are
 * kept up to a small factor, Johnson &amp; Lindenstrauss 1984); TEXT as a signed hashed bag of lower-cased
 * words, L2-normalised (Weinberger et al. 2009). Costs O(seeds x width) once; a distance O({@value #DIMENSIONS}).
 */
final class SeedSpace {
    static final int DIMENSIONS = 32;
    private final TaskType task;
    private final ColumnStats stats;
    private final float[][] projection; // null = the (standardised) values are used as they are
    private final float[][] points;

    SeedSpace(TaskType task, List<SynthesisSeed> seeds, ColumnStats stats) {
        this.task = task;
        this.stats = stats;
        int width = task == TaskType.TEXT ? DIMENSIONS : seeds.get(0).values().length;
        this.projection = width > DIMENSIONS ? gaussianProjection(width) : null;
        this.points = new float[seeds.size()][];
        for (int i = 0; i < points.length; i++) {
            SynthesisSeed s = seeds.get(i);
            points[i] = task == TaskType.TEXT ? embed(s.text()) : embed(s.values());
        }
    }

    int size() {
        return points.length;
    }

    float[] point(int i) {
        return points[i];
    }

    /** The comparable vector of a TABULAR or IMAGE payload, before projection. */
    float[] comparable(float[] values) {
        if (task == TaskType.IMAGE) {
            return values;
        }
        float[] z = new float[values.length];
        for (int j = 0; j < z.length; j++) {
            z[j] = stats.standardised(j, values[j]);
        }
        return z;
    }

    float[] embed(float[] values) {
        float[] c = comparable(values);
        if (projection == null) {
            return c;
        }
        float[] e = new float[DIMENSIONS];
        for (int k = 0; k < DIMENSIONS; k++) {
            float[] row = projection[k];
            double s = 0;
            for (int j = 0; j < c.length; j++) {
                s += row[j] * c[j];
            }
            e[k] = (float) s;
        }
        return e;
    }

    static float[] embed(String text) {
        float[] e = new float[DIMENSIONS];
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                int h = w.hashCode() * 0x9E3779B9;
                e[(h >>> 8) % DIMENSIONS] += (h & 1) == 0 ? 1 : -1;
            }
        }
        double norm = Math.sqrt(squaredDistance(e, new float[DIMENSIONS]));
        for (int k = 0; norm > 0 && k < DIMENSIONS; k++) {
            e[k] /= (float) norm;
        }
        return e;
    }

    /** Indices of the k seeds nearest to seed i (itself and exact copies of it excluded), nearest first. */
    int[] nearest(int i, int k) {
        int[] best = new int[k];
        double[] bestDistance = new double[k];
        int m = 0;
        for (int j = 0; j < points.length; j++) {
            double d = squaredDistance(points[i], points[j]);
            if (j == i || d == 0 || (m == k && d >= bestDistance[k - 1])) {
                continue;
            }
            int at = m < k ? m++ : k - 1; // insertion into the sorted top k
            while (at > 0 && bestDistance[at - 1] > d) {
                best[at] = best[at - 1];
                bestDistance[at] = bestDistance[at - 1];
                at--;
            }
            best[at] = j;
            bestDistance[at] = d;
        }
        return Arrays.copyOf(best, m);
    }

    static double squaredDistance(float[] a, float[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double d = a[j] - b[j];
            s += d * d;
        }
        return s;
    }

    private static float[][] gaussianProjection(int width) {
        Random rnd = new Random(0x5EEDL);
        float[][] p = new float[DIMENSIONS][width];
        double scale = 1 / Math.sqrt(DIMENSIONS);
        for (float[] row : p) {
            for (int j = 0; j < width; j++) {
                row[j] = (float) (rnd.nextGaussian() * scale);
            }
        }
        return p;
    }
}
