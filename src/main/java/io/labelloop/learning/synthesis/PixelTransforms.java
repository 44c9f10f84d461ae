package io.labelloop.learning.synthesis;

import java.util.Arrays;

/**
 * Label-preserving edits of a grey image (values in [0, 1], row-major, w x h). Every result has the same size
 * and stays in [0, 1]; pixels that move in from outside the frame take the background, the median of the
 * border pixels (0 for digits on black).
 */
final class PixelTransforms {
    private PixelTransforms() {
    }

    /** x' = clip(x + delta). */
    static float[] brightness(float[] img, double delta) {
        float[] out = new float[img.length];
        for (int i = 0; i < img.length; i++) {
            out[i] = clip(img[i] + delta);
        }
        return out;
    }

    /** x' = clip(m + factor (x - m)), m = the image's mean grey level. */
    static float[] contrast(float[] img, double factor) {
        double m = 0;
        for (float v : img) {
            m += v;
        }
        m /= img.length;
        float[] out = new float[img.length];
        for (int i = 0; i < img.length; i++) {
            out[i] = clip(m + factor * (img[i] - m));
        }
        return out;
    }

    /** x'(r, c) = x(r - dy, c - dx): content moves dx pixels right and dy pixels down. */
    static float[] shift(float[] img, int w, int h, int dx, int dy) {
        float bg = background(img, w, h);
        float[] out = new float[img.length];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int sr = r - dy, sc = c - dx;
                out[r * w + c] = sr >= 0 && sr < h && sc >= 0 && sc < w ? img[sr * w + sc] : bg;
            }
        }
        return out;
    }

    /**
     * Rotation by {@code degrees} (positive = counter-clockwise on screen) about the image centre: each output
     * pixel samples the source at the inversely rotated position, bilinearly.
     */
    static float[] rotate(float[] img, int w, int h, double degrees) {
        float bg = background(img, w, h);
        double t = Math.toRadians(degrees), cos = Math.cos(t), sin = Math.sin(t);
        double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0;
        float[] out = new float[img.length];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                double x = c - cx, y = r - cy;
                double sx = cos * x - sin * y + cx, sy = sin * x + cos * y + cy;
                out[r * w + c] = clip(bilinear(img, w, h, sx, sy, bg));
            }
        }
        return out;
    }

    /** Left-right mirror: x'(r, c) = x(r, w - 1 - c). */
    static float[] flip(float[] img, int w, int h) {
        float[] out = new float[img.length];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                out[r * w + c] = img[r * w + (w - 1 - c)];
            }
        }
        return out;
    }

    private static double bilinear(float[] img, int w, int h, double x, double y, float bg) {
        int x0 = (int) Math.floor(x), y0 = (int) Math.floor(y);
        double fx = x - x0, fy = y - y0;
        return (1 - fy) * ((1 - fx) * at(img, w, h, x0, y0, bg) + fx * at(img, w, h, x0 + 1, y0, bg))
                + fy * ((1 - fx) * at(img, w, h, x0, y0 + 1, bg) + fx * at(img, w, h, x0 + 1, y0 + 1, bg));
    }

    private static float at(float[] img, int w, int h, int c, int r, float bg) {
        return c >= 0 && c < w && r >= 0 && r < h ? img[r * w + c] : bg;
    }

    static float background(float[] img, int w, int h) {
        float[] border = new float[Math.max(1, 2 * w + 2 * h - 4)];
        int n = 0;
        for (int c = 0; c < w; c++) {
            border[n++] = img[c];
            if (h > 1) {
                border[n++] = img[(h - 1) * w + c];
            }
        }
        for (int r = 1; r < h - 1; r++) {
            border[n++] = img[r * w];
            if (w > 1) {
                border[n++] = img[r * w + w - 1];
            }
        }
        float[] sorted = Arrays.copyOf(border, n);
        Arrays.sort(sorted);
        return sorted[n / 2];
    }

    private static float clip(double v) {
        return (float) Math.max(0, Math.min(1, v));
    }
}
