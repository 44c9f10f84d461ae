package io.labelloop.training.internal;

import io.labelloop.annotation.LabelQueries;
import io.labelloop.annotation.LabelQueries.HumanLabel;
import io.labelloop.item.ItemCounts;
import io.labelloop.shared.ApiException;
import io.labelloop.training.ModelSummary;
import io.labelloop.training.internal.RetrainCycle.Outcome;
import io.labelloop.training.internal.RetrainCycle.Result;
import java.util.HashSet;
import java.util.Set;
import org.springframework.stereotype.Service;

/** A training run a caller asks for (the API): refused unless there is something to train on. */
@Service
public class TrainingRequests {

    private final TrainingScheduler scheduler;
    private final ModelStore models;
    private final LabelQueries labels;
    private final ItemCounts items;

    TrainingRequests(TrainingScheduler scheduler, ModelStore models, LabelQueries labels, ItemCounts items) {
        this.scheduler = scheduler;
        this.models = models;
        this.labels = labels;
        this.items = items;
    }

    /** Queues a cycle in the background; returns its run id. */
    public long queue(long projectId) {
        requireTwoClasses(projectId);
        return scheduler.request(projectId);
    }

    /** Runs a cycle now and returns the model it trained; 409 when it trained none. */
    public ModelSummary trainNow(long projectId) {
        requireTwoClasses(projectId);
        Result result = scheduler.runNow(projectId);
        if (result.outcome() != Outcome.TRAINED) {
            throw ApiException.conflict(result.message());
        }
        return models.latest(projectId).orElseThrow();
    }

    /** 409 unless imported labels and human training labels (not the holdout) name at least two classes. */
    private void requireTwoClasses(long projectId) {
        Set<String> classes = new HashSet<>(items.importedLabelClasses(projectId));
        labels.humanLabels(projectId).stream().filter(h -> !h.holdout()).map(HumanLabel::label).forEach(classes::add);
        if (classes.size() < 2) {
            throw ApiException.conflict("nothing to train on: labels of at least two classes are needed, there are "
                    + classes.size());
        }
    }
}
