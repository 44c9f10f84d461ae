package io.labelloop.training.internal;

import io.labelloop.learning.AutoLabelThresholds;
import io.labelloop.learning.Evaluation;
import io.labelloop.learning.LabelModel;
import io.labelloop.learning.ModelEvaluator;
import io.labelloop.learning.ModelTrainer;
import io.labelloop.learning.StrategyName;
import io.labelloop.learning.ThresholdCalibrator;
import io.labelloop.learning.TrainingOptions;
import io.labelloop.project.Project;
import io.labelloop.training.TrainingSettings;
import java.util.List;
import org.springframework.stereotype.Component;

/** Trains a project's model through the learning core, evaluates it and calibrates auto-label thresholds. */
@Component
class ModelBuilder {

    private final TrainingSettings settings;

    ModelBuilder(TrainingSettings settings) {
        this.settings = settings;
    }

    record Built(LabelModel model, Evaluation evaluation, AutoLabelThresholds thresholds) {
    }

    Built train(Project project, TrainingSet data, List<byte[]> poolSample, LabelModel previous, PhaseTimer timer) {
        TrainingOptions options = TrainingOptions.defaults().withSeed(project.id());
        if (project.strategy() == StrategyName.VOTE_ENTROPY || project.strategy() == StrategyName.CONSENSUS_KL) {
            options = options.withCommittee(settings.committeeSize());
        }
        var trainer = new ModelTrainer(project.taskType(), options);
        LabelModel model = trainer.train(data.trainItems(), data.trainLabels(), poolSample, previous);
        timer.lap("train");
        Evaluation evaluation = ModelEvaluator.evaluate(model, trainer, data.trainItems(), data.trainLabels(),
                data.holdoutItems(), data.holdoutLabels());
        timer.lap("evaluate");
        AutoLabelThresholds thresholds = project.autoLabelTargetAccuracy() == null ? null
                : ThresholdCalibrator.calibrate(model, data.holdoutItems(), data.holdoutLabels(), project.autoLabelTargetAccuracy());
        timer.lap("thresholds");
        return new Built(model, evaluation, thresholds);
    }
}
