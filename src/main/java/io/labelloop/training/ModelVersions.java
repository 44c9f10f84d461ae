package io.labelloop.training;

import io.labelloop.training.internal.ModelStore;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Model versions for other modules (statistics, dashboard): newest, or all oldest first. */
@Service
public class ModelVersions {

    private final ModelStore store;

    ModelVersions(ModelStore store) {
        this.store = store;
    }

    public Optional<ModelSummary> latest(long projectId) {
        return store.latest(projectId);
    }

    public List<ModelSummary> all(long projectId) {
        return store.all(projectId);
    }
}
