package io.labelloop.embedding;

import io.labelloop.embedding.EmbeddingStatus.State;
import io.labelloop.embedding.internal.EmbeddingStore;
import io.labelloop.embedding.internal.EmbeddingStore.Counts;
import io.labelloop.learning.TaskType;
import io.labelloop.project.Project;
import org.springframework.stereotype.Service;

/** How far a project's embeddings are: for the API, the dashboard, and modules that use the vectors. */
@Service
public class EmbeddingProgress {

    private final EmbeddingStore store;

    EmbeddingProgress(EmbeddingStore store) {
        this.store = store;
    }

    public EmbeddingStatus of(Project project) {
        if (project.taskType() != TaskType.TEXT) {
            return new EmbeddingStatus(State.NONE, 0, 0, 0, null, null, null);
        }
        Counts c = store.counts(project.id());
        long total = c.done() + c.pending();
        double rate = c.recent() ? c.itemsPerSecond() : 0;
        State state;
        if (total == 0) {
            state = State.NONE;
        } else if (c.pending() == 0) {
            state = State.READY;
        } else {
            state = c.error() != null ? State.FAILED : State.RUNNING;
        }
        Long secondsLeft = c.pending() == 0 ? Long.valueOf(0) : rate > 0 ? (long) Math.ceil(c.pending() / rate) : null;
        return new EmbeddingStatus(state, c.done(), total, Math.round(rate * 10) / 10.0, secondsLeft,
                SentenceEncoder.MODEL, state == State.FAILED ? c.error() : null);
    }
}
