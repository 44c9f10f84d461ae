package io.labelloop.embedding.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The k highest scores seen so far, kept in a min-heap (O(n log k) over n candidates): exact nearest
 * neighbours by brute force, which over int8 vectors takes tens of milliseconds at 100,000 items.
 */
public final class NearestItems {

    /** An item and its cosine similarity to the query. */
    public record Hit(long itemId, double similarity) {
    }

    private final int k;
    private final long exclude;
    private final PriorityQueue<Hit> heap;

    NearestItems(int k, long exclude) {
        this.k = k;
        this.exclude = exclude;
        this.heap = new PriorityQueue<>(k + 1, (a, b) -> Double.compare(a.similarity(), b.similarity()));
    }

    void offer(long itemId, double similarity) {
        if (itemId == exclude || k == 0) {
            return;
        }
        if (heap.size() < k) {
            heap.add(new Hit(itemId, similarity));
        } else if (similarity > heap.peek().similarity()) {
            heap.poll();
            heap.add(new Hit(itemId, similarity));
        }
    }

    /** The hits, most similar first. */
    List<Hit> best() {
        List<Hit> out = new ArrayList<>(heap);
        out.sort((a, b) -> Double.compare(b.similarity(), a.similarity()));
        return out;
    }
}
