/** Labeling projects: task type, label set, budget, strategy and thresholds; who may see and steer them. */
package io.labelloop.project;
