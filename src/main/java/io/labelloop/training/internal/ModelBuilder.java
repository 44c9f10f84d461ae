package io.labelloop.training.internal;

import io.labelloop.learning.AutoLabelThresholds;
import io.labelloop.learning.Evaluation;
import io.labelloop.learning.FamilyOptions;
import io.labelloop.learning.FamilyTrainer;
import io.labelloop.learning.ItemEncoder;
import io.labelloop.learning.LabelModel;
import io.labelloop.learning.ModelEvaluator;
import io.labelloop.learning.ModelTrainer;
import io.labelloop.learning.StrategyName;
import io.labelloop.learning.TaskType;
import io.labelloop.learning.TextRepresentation;
import io.labelloop.learning.ThresholdCalibrator;
import io.labelloop.learning.TrainingOptions;
import io.labelloop.learning.synthesis.SynthesisOptions;
import io.labelloop.learning.synthesis.SynthesisSeed;
import io.labelloop.learning.synthesis.Synthesizer;
import io.labelloop.learning.synthesis.SyntheticDraft;
import io.labelloop.project.Project;
import io.labelloop.training.TrainingSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Trains a project's model through the learning core, evaluates it and calibrates auto-label thresholds. */
@Component
class ModelBuilder {

    private final TrainingSettings settings;

    ModelBuilder(TrainingSettings settings) {
        this.settings = settings;
    }

    /** The model, its evaluation and thresholds, and the trainer of its family (what out-of-fold fits retrain with). */
    record Built(LabelModel model, Evaluation evaluation, AutoLabelThresholds thresholds, ModelTrainer trainer) {
    }

    /**
     * Trains the project's model family (chosen by cross-validation on the human-labeled rows when the setting is
     * AUTO); noisy training copies, when on, are added to the chosen family's training only.
     */
    Built train(Project project, TrainingSet data, List<byte[]> poolSample, LabelModel previous, long poolSize,
            TextRepresentation text, PhaseTimer timer) {
        TrainingOptions options = TrainingOptions.defaults().withSeed(project.id());
        if (project.queue().strategy() == StrategyName.VOTE_ENTROPY || project.queue().strategy() == StrategyName.CONSENSUS_KL) {
            options = options.withCommittee(settings.committeeSize());
        }
        FamilyOptions familyOptions = text == null ? FamilyOptions.defaults() : FamilyOptions.defaults().withText(text);
        var families = new FamilyTrainer(project.taskType(), options, familyOptions);
        LabelModel model = families.train(data.trainItems(), data.trainLabels(), poolSample, previous,
                project.model().pinnedFamily(), poolSize);
        ModelTrainer trainer = families.trainer(model.choice().candidate());
        if (project.model().trainingAugmentation() && project.taskType() == TaskType.TABULAR) {
            timer.lap("train");
            List<byte[]> items = new ArrayList<>(data.trainItems());
            List<String> labels = new ArrayList<>(data.trainLabels());
            addNoisyCopies(project, data, items, labels);
            timer.lap("augment");
            model = trainer.train(items, labels, poolSample, model).withChoice(model.choice());
        }
        timer.lap("train");
        Evaluation evaluation = ModelEvaluator.evaluate(model, trainer, data.trainItems(), data.trainLabels(),
                data.holdoutItems(), data.holdoutLabels());
        timer.lap("evaluate");
        AutoLabelThresholds thresholds = project.autoLabel().autoLabelTargetAccuracy() == null ? null
                : ThresholdCalibrator.calibrate(model, data.holdoutItems(), data.holdoutLabels(), project.autoLabel().autoLabelTargetAccuracy());
        timer.lap("thresholds");
        return new Built(model, evaluation, thresholds, trainer);
    }

    /**
     * One label-preserving noisy copy of every human-labeled training row, trained with its parent's
     * label (never added to the holdout, and cross-validation runs on the real rows only).
     */
    private static void addNoisyCopies(Project project, TrainingSet data, List<byte[]> items, List<String> labels) {
        List<SynthesisSeed> seeds = new ArrayList<>();
        Map<Long, String> labelOf = new HashMap<>();
        for (int i = 0; i < data.trainIds().size(); i++) {
            long id = data.trainIds().get(i);
            seeds.add(new SynthesisSeed(id, null, ItemEncoder.decode(data.trainItems().get(i)).values(), null, 0,
                    data.trainLabels().get(i)));
            labelOf.put(id, data.trainLabels().get(i));
        }
        var options = new SynthesisOptions(seeds.size(), project.id() * 31 + data.humanLabels(), false, 0, 0);
        for (SyntheticDraft copy : Synthesizer.labelPreservingCopies(TaskType.TABULAR, seeds, options)) {
            items.add(ItemEncoder.encodeNumeric(copy.values()));
            labels.add(labelOf.get(copy.derivedFrom().getFirst()));
        }
    }
}
