/** The learning loop in the service: retrain-and-score cycles, model versions, predictions, training runs. */
package io.labelloop.training;
