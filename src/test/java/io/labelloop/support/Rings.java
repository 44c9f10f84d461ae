package io.labelloop.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Three concentric rings (x, y) plus a noise column, the ring being the class: points no line separates, for tests of
 * the non-linear model families. The same seed gives the same points.
 */
public final class Rings {

    private Rings() {
    }

    /** A point: its external id ("r" and its index), coordinates, noise and ring ("ring0" to "ring2"). */
    public record Point(String externalId, double x, double y, double noise, String ring) {

        /** The point as a CSV row of {@code externalId,x,y,noise}, without a line end. */
        public String csvRow() {
            return externalId + "," + x + "," + y + "," + noise;
        }
    }

    /** n points, taking the rings in turn. */
    public static List<Point> points(int n, long seed) {
        Random rnd = new Random(seed);
        List<Point> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int ring = i % 3;
            double r = 1.5 * ring + rnd.nextDouble(), a = rnd.nextDouble() * 2 * Math.PI;
            out.add(new Point("r" + i, r * Math.cos(a), r * Math.sin(a), rnd.nextGaussian(), "ring" + ring));
        }
        return out;
    }
}
