package io.labelloop.learning.synthesis;

/**
 * One real item the synthesizer may start from. Exactly one payload: {@code text} (TEXT) or {@code values}
 * (TABULAR features in the project's feature order, NaN = missing; IMAGE grey pixels in [0, 1], row-major,
 * width x height).
 *
 * @param itemId         the caller's id, named by every draft made from this item
 * @param text           the text of a TEXT item, else null
 * @param values         the features or pixels of a TABULAR or IMAGE item, else null
 * @param predictedLabel the latest model's label, or null
 * @param uncertainty    in [0, 1], higher = the model is less sure; 0 when there is no model
 * @param humanLabel     the label a person gave, or null when the item is unlabeled
 */
public record SynthesisSeed(long itemId, String text, float[] values, String predictedLabel, double uncertainty,
                            String humanLabel) {

    public SynthesisSeed {
        if ((text == null) == (values == null)) {
            throw new IllegalArgumentException("a seed carries exactly one payload: text or values");
        }
        if (!(uncertainty >= 0 && uncertainty <= 1)) {
            throw new IllegalArgumentException("uncertainty must be in [0, 1], was " + uncertainty);
        }
    }

    /** The human label if there is one, else the predicted label (null if neither). */
    String knownOrPredictedLabel() {
        return humanLabel != null ? humanLabel : predictedLabel;
    }
}
