package io.labelloop.embedding;

import io.labelloop.annotation.ItemLabeled;
import io.labelloop.embedding.internal.EmbeddingMeters;
import io.labelloop.embedding.internal.EmbeddingStore;
import io.labelloop.embedding.internal.EmbeddingStore.Claim;
import io.labelloop.embedding.internal.EmbeddingStore.PendingItem;
import io.labelloop.embedding.internal.EncoderHolder;
import io.labelloop.shared.JdbcTransactions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Embeds every TEXT item once. Items wait as ranges of ids in {@code embedding_ranges} (a trigger adds the
 * new items of every insert into a TEXT project, whatever path they came by); a worker locks a range with
 * {@code FOR UPDATE SKIP LOCKED}, encodes its next batch, stores the vectors and moves the range on in one
 * transaction, so instances share the work without doing any item twice, and a batch whose worker dies is
 * pending again when its transaction rolls back.
 *
 * <p>Each instance runs one worker thread (unless {@code labelloop.embedding.schedule-enabled=false}) with the
 * encoder on {@code labelloop.embedding.threads} cores (default 1 of the machine's). While annotators label on
 * this instance (a label within {@code busy-after-label}) the worker rests after each batch so that it uses
 * only {@code busy-share} of its core, leaving the rest to claims and labels.
 */
@Service
public class EmbeddingJob {

    private static final Logger log = LoggerFactory.getLogger(EmbeddingJob.class);

    private final EmbeddingStore store;
    private final EncoderHolder encoder;
    private final JdbcTransactions transactions;
    private final EmbeddingSettings settings;
    private final EmbeddingMeters meters;
    private final NearDuplicates nearDuplicates;
    private volatile long lastLabelNanos = System.nanoTime() - Long.MAX_VALUE / 2;
    private volatile Thread worker;

    EmbeddingJob(EmbeddingStore store, EncoderHolder encoder, JdbcTransactions transactions, EmbeddingSettings settings,
            EmbeddingMeters meters, NearDuplicates nearDuplicates) {
        this.store = store;
        this.nearDuplicates = nearDuplicates;
        this.meters = meters;
        this.encoder = encoder;
        this.transactions = transactions;
        this.settings = settings;
    }

    /**
     * Embeds the project's pending items until none is left that another worker does not hold; returns how
     * many texts this call encoded.
     */
    public int embedProject(long projectId) {
        int total = 0;
        for (int n; (n = batch(Optional.of(projectId))) > 0; ) {
            total += n;
        }
        return total;
    }

    /** One batch of the oldest pending project; returns the texts encoded (0: nothing to do). */
    public int embedNextBatch() {
        return batch(Optional.empty());
    }

    private int batch(Optional<Long> only) {
        long[] project = {0};
        List<Long> ids = new ArrayList<>();
        List<Int8Vector> done = new ArrayList<>();
        try {
            Integer n = transactions.requiresNew().execute(tx -> {
                Optional<Claim> claim = store.claim(only, settings.batchSize());
                if (claim.isEmpty()) {
                    return 0;
                }
                Claim c = claim.get();
                project[0] = c.projectId();
                long start = System.nanoTime();
                List<Int8Vector> vectors = encode(c.items());
                c.items().forEach(i -> ids.add(i.itemId()));
                nearDuplicates.detect(c.projectId(), ids, vectors);
                done.addAll(vectors);
                store.store(c.projectId(), c.items(), vectors, (System.nanoTime() - start) / 1e9);
                store.advance(c);
                return c.items().size();
            });
            if (n != null && n > 0) {
                nearDuplicates.stored(project[0], ids, done);
                meters.embedded(n);
            }
            return n == null ? 0 : n;
        } catch (RuntimeException | LinkageError e) {
            if (project[0] != 0) {
                log.warn("Embedding a batch of project {} failed; its items stay pending", project[0], e);
                store.fail(project[0], String.valueOf(e.getMessage()));
            }
            throw e;
        }
    }

    private List<Int8Vector> encode(List<PendingItem> items) {
        List<String> texts = items.stream().map(PendingItem::text).toList();
        SentenceEncoder model = encoder.get();
        float[][] vectors;
        try {
            vectors = model.encode(texts);
        } catch (RuntimeException e) {
            // One text the tokenizer or model rejects must not hold up the rest: encode one by one, and a
            // text that fails alone gets the zero vector (it is then never anyone's nearest neighbour).
            vectors = new float[texts.size()][];
            for (int i = 0; i < texts.size(); i++) {
                try {
                    vectors[i] = model.encode(List.of(texts.get(i)))[0];
                } catch (RuntimeException single) {
                    log.warn("Item {} could not be embedded; stored as the zero vector", items.get(i).itemId(), single);
                    vectors[i] = new float[SentenceEncoder.DIMENSIONS];
                }
            }
        }
        List<Int8Vector> out = new ArrayList<>(vectors.length);
        for (float[] v : vectors) {
            out.add(Int8Vector.of(v));
        }
        return out;
    }

    @EventListener
    void on(ItemLabeled event) {
        lastLabelNanos = System.nanoTime();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (settings.scheduleEnabled()) {
            Thread t = new Thread(this::work, "embedding-worker");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            worker = t;
            t.start();
        }
    }

    @EventListener(ContextClosedEvent.class)
    void stop() {
        Thread t = worker;
        worker = null;
        if (t != null) {
            t.interrupt();
            try {
                t.join(30_000); // a batch under way finishes (or fails on the closing pool) before the session goes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        encoder.close();
    }

    private void work() {
        while (worker == Thread.currentThread()) {
            try {
                long start = System.nanoTime();
                int n = embedNextBatch();
                long worked = System.nanoTime() - start;
                if (n == 0) {
                    Thread.sleep(settings.idleDelay());
                } else if (System.nanoTime() - lastLabelNanos < settings.busyAfterLabel().toNanos()) {
                    double share = Math.clamp(settings.busyShare(), 0.05, 1.0);
                    Thread.sleep((long) (worked * (1 / share - 1) / 1e6));
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | LinkageError e) {
                sleepQuietly(60_000);
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
