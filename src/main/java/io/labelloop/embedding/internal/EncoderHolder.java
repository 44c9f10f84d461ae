package io.labelloop.embedding.internal;

import io.labelloop.embedding.EmbeddingSettings;
import io.labelloop.embedding.SentenceEncoder;
import org.springframework.stereotype.Component;

/**
 * The instance's one encoder, loaded on first use (about 0.5 s and 100 MB of native memory, which an instance
 * that never sees a TEXT item does not pay) and closed with the application.
 */
@Component
public class EncoderHolder implements AutoCloseable {

    private final int threads;
    private volatile SentenceEncoder encoder;
    private volatile boolean closed;

    EncoderHolder(EmbeddingSettings settings) {
        this.threads = settings.threads();
    }

    /** The encoder; throws if ONNX Runtime or the model cannot load here. */
    public SentenceEncoder get() {
        SentenceEncoder e = encoder;
        if (e == null) {
            synchronized (this) {
                if (closed) {
                    throw new IllegalStateException("the application is shutting down");
                }
                if (encoder == null) {
                    encoder = new SentenceEncoder(threads);
                }
                e = encoder;
            }
        }
        return e;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (encoder != null) {
            encoder.close();
            encoder = null;
        }
    }
}
