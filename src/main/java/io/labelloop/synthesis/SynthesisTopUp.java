package io.labelloop.synthesis;

import io.labelloop.project.ProjectAccess;
import io.labelloop.training.ModelTrained;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * With synthesis on, every new model brings new synthetic items near its own decision boundary, up to
 * the project's cap: no manual step. A failure is logged and leaves the queue as it was.
 */
@Component
class SynthesisTopUp {

    private static final Logger log = LoggerFactory.getLogger(SynthesisTopUp.class);

    private final ProjectAccess projects;
    private final SynthesisService synthesis;

    SynthesisTopUp(ProjectAccess projects, SynthesisService synthesis) {
        this.projects = projects;
        this.synthesis = synthesis;
    }

    @TransactionalEventListener
    void on(ModelTrained event) {
        try {
            var project = projects.get(event.projectId());
            if (project.synthesis().synthesisEnabled()) {
                int made = synthesis.topUp(project);
                log.info("Project {}: model v{} brought {} synthetic items into the queue", event.projectId(),
                        event.version(), made);
            }
        } catch (RuntimeException e) {
            log.warn("Synthesis after model v{} of project {} failed", event.version(), event.projectId(), e);
        }
    }
}
