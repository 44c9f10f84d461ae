/**
 * Label quality of a team (issue 18): each item's final label from several judgments (majority, then
 * Dawid-Skene EM), agreement between annotators (Krippendorff's alpha, Cohen's kappa), per-annotator figures.
 */
package io.labelloop.quality;
