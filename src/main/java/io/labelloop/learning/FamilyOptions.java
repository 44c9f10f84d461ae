package io.labelloop.learning;

/**
 * How {@link FamilyTrainer} chooses a model family.
 *
 * @param minLabels          fewest labels to compare families on (below: the linear model)
 * @param redecideGrowth     keep the previous choice until the label count has grown by this factor since it was made
 * @param switchMargin       another candidate replaces the current one only when its cross-validated log-loss is lower
 *                           by at least this fraction, and by at least {@value #MIN_SWITCH_GAIN} (hysteresis: the choice
 *                           does not flip on noise, nor between log-losses near zero)
 * @param maxPoolOperations  a candidate whose scoring of the whole pool would take more multiply-adds than this is not
 *                           considered (the linear model always is); about 2-4 s of one core
 * @param text               what TEXT items may become (used only when the items carry sentence embeddings)
 */
public record FamilyOptions(int minLabels, double redecideGrowth, double switchMargin, double maxPoolOperations,
                            TextRepresentation text) {
    /**
     * Least drop of the mean out-of-fold log-loss (nats a label) that makes another candidate replace the current one:
     * where every candidate fits the labels almost perfectly (separable classes), a fraction of a loss near zero is
     * noise of the folds, not a better model.
     */
    public static final double MIN_SWITCH_GAIN = 0.01;

    public FamilyOptions(int minLabels, double redecideGrowth, double switchMargin, double maxPoolOperations) {
        this(minLabels, redecideGrowth, switchMargin, maxPoolOperations, TextRepresentation.AUTO);
    }

    public FamilyOptions {
        text = text == null ? TextRepresentation.AUTO : text;
        if (minLabels < 4 || redecideGrowth < 1.0 || switchMargin < 0 || switchMargin >= 1 || maxPoolOperations <= 0) {
            throw new IllegalArgumentException("invalid family options");
        }
    }

    /** 30 labels, re-decided after 1.5x growth, a 5% margin to switch, 1e10 multiply-adds per pool scoring. */
    public static FamilyOptions defaults() {
        return new FamilyOptions(30, 1.5, 0.05, 1e10);
    }

    /** The cross-validated log-loss another candidate needs to replace the current one, whose log-loss is given. */
    public double switchBelow(double currentLogLoss) {
        return Math.min(currentLogLoss * (1 - switchMargin), currentLogLoss - MIN_SWITCH_GAIN);
    }

    /** The same with a TEXT project's representation setting. */
    public FamilyOptions withText(TextRepresentation representation) {
        return new FamilyOptions(minLabels, redecideGrowth, switchMargin, maxPoolOperations, representation);
    }
}
