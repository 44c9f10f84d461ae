package io.labelloop.learning;

import java.util.List;

/**
 * Whether to stop labelling.
 *
 * @param kappas        Cohen's kappa between each pair of successive models' predictions on the stop set
 * @param recentMeanKappa mean of the last {@link StoppingAdvisor#WINDOW} kappas (NaN when fewer)
 * @param stop          true when that mean is at least {@link StoppingAdvisor#THRESHOLD}
 * @param reason        a sentence for the user
 */
public record StoppingAdvice(List<Double> kappas, double recentMeanKappa, boolean stop, String reason) {
}
