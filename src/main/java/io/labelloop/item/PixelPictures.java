package io.labelloop.item;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.labelloop.item.internal.FeatureVectors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Items of an image project sent as pixel values (one column per pixel, row-major), as a picture a
 * person can look at: its shape from the column count (square) or the project's image width, its
 * grey scale from the range of the project's own values (0-16 for 8x8 digits, 0-255 for most others).
 */
@Service
public class PixelPictures {

    /** Rows the grey range is read from: a sample, since a range only needs to be about right. */
    private static final int RANGE_SAMPLE = 500;

    /** A picture: {@code values} row-major, null where the item has no value. */
    public record Picture(int width, int height, float low, float high, List<Float> values) {
    }

    private record Range(float low, float high) {
    }

    private final JdbcClient jdbc;
    private final ItemQueries items;
    private final Cache<Long, Range> ranges = Caffeine.newBuilder().maximumSize(1_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();

    PixelPictures(JdbcClient jdbc, ItemQueries items) {
        this.jdbc = jdbc;
        this.items = items;
    }

    /** The project's pixel names in order (once per claim, not per item). */
    public List<String> pixelNames(long projectId) {
        return items.featureNames(projectId);
    }

    /** The item's picture, or empty when it has no pixel values or their count fits no shape. */
    public Optional<Picture> of(long projectId, List<String> names, Integer imageWidth, Map<String, Float> features) {
        int n = names.size();
        if (features == null || features.isEmpty() || n == 0) {
            return Optional.empty();
        }
        int width = imageWidth != null ? imageWidth : (int) Math.round(Math.sqrt(n));
        if (width <= 0 || (imageWidth == null && width * width != n)) {
            return Optional.empty();
        }
        int height = (n + width - 1) / width;
        List<Float> values = new ArrayList<>(width * height);
        for (int i = 0; i < width * height; i++) {
            values.add(i < n ? features.get(names.get(i)) : null);
        }
        Range range = ranges.get(projectId, this::range);
        return Optional.of(new Picture(width, height, range.low(), range.high(), values));
    }

    private Range range(long projectId) {
        float low = Float.POSITIVE_INFINITY, high = Float.NEGATIVE_INFINITY;
        for (byte[] packed : jdbc.sql("select features from items where project_id = ? and features is not null limit ?")
                .params(projectId, RANGE_SAMPLE).query(byte[].class).list()) {
            for (float v : FeatureVectors.unpack(packed)) {
                if (!Float.isNaN(v)) {
                    low = Math.min(low, v);
                    high = Math.max(high, v);
                }
            }
        }
        if (low > high) {
            return new Range(0, 255);
        }
        // Pixel values rarely go below zero; a sample without any dark pixel should not turn grey into black.
        low = Math.min(low, 0);
        return new Range(low, high > low ? high : low + 1);
    }
}
