package io.labelloop.training.internal;

import io.labelloop.annotation.UndoPolicy;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Tells the undo policy when a project's latest model was trained (a label it learned from stays). */
@Component
class LatestModelTimes implements UndoPolicy.LatestModel {

    private final ModelStore models;

    LatestModelTimes(ModelStore models) {
        this.models = models;
    }

    @Override
    public Optional<Trained> latest(long projectId) {
        return models.latest(projectId).map(m -> new Trained(m.version(), m.trainedAt()));
    }
}
