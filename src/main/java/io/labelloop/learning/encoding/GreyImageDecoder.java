package io.labelloop.learning.encoding;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Decodes PNG/JPEG bytes into a fixed-size grey-level image (ITU-R BT.601 luma, bilinear resize). */
public final class GreyImageDecoder {
    private GreyImageDecoder() {
    }

    /** Grey levels 0..255, row-major, {@code side} x {@code side}. */
    public static byte[] decode(byte[] imageBytes, int side) {
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(imageBytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode image", e);
        }
        if (img == null) {
            throw new IllegalArgumentException("not a PNG or JPEG image");
        }
        int w = img.getWidth(), h = img.getHeight();
        float[] grey = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                int r = rgb >> 16 & 0xff, g = rgb >> 8 & 0xff, b = rgb & 0xff;
                grey[y * w + x] = 0.299f * r + 0.587f * g + 0.114f * b;
            }
        }
        byte[] out = new byte[side * side];
        for (int y = 0; y < side; y++) {
            float sy = Math.max(0, (y + 0.5f) * h / side - 0.5f);
            int y0 = Math.min((int) sy, h - 1), y1 = Math.min(y0 + 1, h - 1);
            float fy = sy - y0;
            for (int x = 0; x < side; x++) {
                float sx = Math.max(0, (x + 0.5f) * w / side - 0.5f);
                int x0 = Math.min((int) sx, w - 1), x1 = Math.min(x0 + 1, w - 1);
                float fx = sx - x0;
                float v = (1 - fy) * ((1 - fx) * grey[y0 * w + x0] + fx * grey[y0 * w + x1])
                        + fy * ((1 - fx) * grey[y1 * w + x0] + fx * grey[y1 * w + x1]);
                out[y * side + x] = (byte) Math.min(255, Math.round(v));
            }
        }
        return out;
    }
}
