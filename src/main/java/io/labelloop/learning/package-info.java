/**
 * The learning core of Labelloop: plain Java with no dependencies (no Spring, JPA or HTTP types). Its
 * trainers are tested against Tribuo 4.3.2, which the tests alone depend on.
 * <p>Public API (this package and {@code synthesis}; other sub-packages are internal):
 * <ul>
 *   <li>{@link io.labelloop.learning.ItemEncoder}: raw text / numeric / image / pixel items to compact bytes at
 *       upload time (the only place that tokenises or decodes images);</li>
 *   <li>{@link io.labelloop.learning.ModelTrainer} and {@link io.labelloop.learning.TrainingOptions}: encoded items
 *       + labels to a {@link io.labelloop.learning.LabelModel} (featurizer, calibrated multinomial LR, optional
 *       committee, {@link io.labelloop.learning.ModelMetadata}), serialisable with {@code toBytes}/{@code fromBytes};</li>
 *   <li>{@link io.labelloop.learning.ModelEvaluator}: {@link io.labelloop.learning.Evaluation} on holdout or by
 *       cross-validation, with the holdout accuracy and its exact 95% interval
 *       ({@link io.labelloop.learning.HoldoutAccuracy}) whenever there are holdout labels;</li>
 *   <li>{@link io.labelloop.learning.BatchSelector}: stream a pool through a model and get a ranked batch for a
 *       {@link io.labelloop.learning.StrategyName} in bounded memory;</li>
 *   <li>{@link io.labelloop.learning.ColdStartSelector}, {@link io.labelloop.learning.StoppingAdvisor},
 *       {@link io.labelloop.learning.ThresholdCalibrator}: seed batch, stopping advice, auto-label thresholds;</li>
 *   <li>{@link io.labelloop.learning.synthesis.Synthesizer} with {@link io.labelloop.learning.synthesis.SynthesisSeed},
 *       {@link io.labelloop.learning.synthesis.SynthesisOptions} and
 *       {@link io.labelloop.learning.synthesis.SyntheticDraft}: new items made from real ones near the decision
 *       boundary and in under-covered regions, each naming the items it came from and how it was made (a Spring
 *       Modulith named interface, {@code learning::synthesis}).</li>
 * </ul>
 */
package io.labelloop.learning;
