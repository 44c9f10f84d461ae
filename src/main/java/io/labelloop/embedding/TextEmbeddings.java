package io.labelloop.embedding;

import io.labelloop.embedding.internal.EncoderHolder;
import io.labelloop.learning.ItemEncoder;
import io.labelloop.learning.TextRepresentation;
import io.labelloop.project.Project;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Sentence embeddings for the model: whether a TEXT project's model may train on them now (its setting wants them
 * and every item has its vector), and texts embedded on the fly for items that have none stored (predictions of new
 * texts, stream items scored as they arrive).
 */
@Service
public class TextEmbeddings {

    private final EmbeddingProgress progress;
    private final EncoderHolder encoder;

    TextEmbeddings(EmbeddingProgress progress, EncoderHolder encoder) {
        this.progress = progress;
        this.encoder = encoder;
    }

    /** What a cycle trains on: the setting, and how far the project's embeddings are. */
    public record Readiness(TextRepresentation setting, EmbeddingStatus status) {
        /** Whether the items are to be read with their embeddings (the setting wants them and all are there). */
        public boolean useEmbeddings() {
            return setting.wantsEmbeddings() && status.ready();
        }
    }

    /** The project's setting and embedding progress (state NONE for projects other than TEXT). */
    public Readiness readiness(Project project) {
        return new Readiness(TextRepresentation.of(project.model().textRepresentation()), progress.of(project));
    }

    /** Encoded texts with their embeddings attached, computed now (those that carry one are kept as they are). */
    public List<byte[]> attach(List<byte[]> encoded, List<String> texts) {
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < encoded.size(); i++) {
            if (!ItemEncoder.hasEmbedding(encoded.get(i))) {
                missing.add(i);
            }
        }
        List<byte[]> out = new ArrayList<>(encoded);
        if (missing.isEmpty()) {
            return out;
        }
        float[][] vectors = encoder.get().encode(missing.stream().map(i -> texts.get(i) == null ? "" : texts.get(i)).toList());
        for (int k = 0; k < missing.size(); k++) {
            Int8Vector q = Int8Vector.of(vectors[k]);
            out.set(missing.get(k), ItemEncoder.withEmbedding(encoded.get(missing.get(k)), q.bytes(), q.scale()));
        }
        return out;
    }

    /** One encoded text with its embedding attached. */
    public byte[] attach(byte[] encoded, String text) {
        return attach(List.of(encoded), java.util.Collections.singletonList(text)).getFirst();
    }
}
