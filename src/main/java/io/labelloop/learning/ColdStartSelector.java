package io.labelloop.learning;

import io.labelloop.learning.features.EmbeddingFeaturizer;
import io.labelloop.learning.features.FeatureBuffer;
import io.labelloop.learning.features.Featurizer;
import io.labelloop.learning.features.Featurizers;
import io.labelloop.learning.strategy.Embeddings;
import io.labelloop.learning.strategy.KMeansMedoids;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Cold start: before the first model (or while a class still has no label) pick a representative,
 * diverse seed batch. Streams the pool into a bounded uniform reservoir (Vitter 1985), fits a
 * featurizer on it, clusters it with k-means (k = b, k-means++ seeding) and returns the item
 * nearest each centre, largest cluster first (typicality, Hacohen, Dekel &amp; Weinshall 2022). Texts that carry
 * their sentence embeddings ({@link ItemEncoder#withEmbedding}) are clustered in embedding space, where
 * neighbours share meaning rather than words.
 */
public final class ColdStartSelector {
    /** Default reservoir size. */
    public static final int DEFAULT_SAMPLE = 3000;
    private final TaskType task;
    private final int batchSize;
    private final long seed;
    private final long[] ids;
    private final byte[][] items;
    private final Random random;
    private long seen;

    public ColdStartSelector(TaskType task, int batchSize) {
        this(task, batchSize, DEFAULT_SAMPLE, TrainingOptions.DEFAULT_SEED);
    }

    public ColdStartSelector(TaskType task, int batchSize, int sampleSize, long seed) {
        this.task = task;
        this.batchSize = batchSize;
        this.seed = seed;
        this.ids = new long[sampleSize];
        this.items = new byte[sampleSize][];
        this.random = new Random(seed);
    }

    /** Streams one unlabelled pool item. */
    public void offer(long itemId, byte[] encoded) {
        int slot = seen < ids.length ? (int) seen : (int) (random.nextDouble() * (seen + 1));
        if (slot < ids.length) {
            ids[slot] = itemId;
            items[slot] = encoded;
        }
        seen++;
    }

    /** The ranked seed batch (up to b items, all distinct). */
    public List<SelectedItem> select() {
        int n = (int) Math.min(seen, ids.length);
        if (n == 0) {
            return List.of();
        }
        List<byte[]> sample = Arrays.asList(items).subList(0, n);
        boolean embedded = task == TaskType.TEXT && sample.stream().allMatch(ItemEncoder::hasEmbedding);
        Featurizer featurizer = embedded ? EmbeddingFeaturizer.fit(sample) : Featurizers.fit(task, sample);
        FeatureBuffer buffer = new FeatureBuffer();
        List<float[]> points = new ArrayList<>(n);
        for (byte[] item : sample) {
            featurizer.featurize(item, buffer);
            points.add(embedded ? Arrays.copyOf(buffer.values, buffer.size) : Embeddings.embed(buffer));
        }
        int[] picks = KMeansMedoids.select(points, batchSize, seed);
        List<SelectedItem> out = new ArrayList<>();
        for (int i : picks) {
            out.add(new SelectedItem(ids[i], out.size(), 0.0));
        }
        return out;
    }
}
