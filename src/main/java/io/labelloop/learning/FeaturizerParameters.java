package io.labelloop.learning;

/**
 * The fitted settings of a model version's featurizer, complete enough for another program to turn an item into
 * the model's columns without Labelloop (the model download). Each record names how its columns are computed.
 */
public sealed interface FeaturizerParameters {

    /** Short name of the transform, written as {@code type} in the model file. */
    String type();

    /** Number of columns it produces (the width of the weights). */
    int columns();

    /**
     * Numeric columns: t = log1p(max(x, 0)) where {@code log1p[j]}, else x; z = clip((t - mean) * inverseSd, +-clip);
     * a missing value (NaN) gives z = 0 and sets column {@code indicatorColumn[j]} to 1 when that is not -1.
     */
    record Standardised(int inputs, float[] mean, float[] inverseSd, boolean[] log1p, int[] indicatorColumn,
                        float clip, int columns) implements FeaturizerParameters {
        public String type() {
            return "standardised";
        }
    }

    /** Grey levels (or pixel features) times {@code scale}; a missing value is 0. Row-major, one column per pixel. */
    record Pixels(int pixels, float scale) implements FeaturizerParameters {
        public String type() {
            return "pixels";
        }

        public int columns() {
            return pixels;
        }
    }

    /**
     * TF-IDF over hashed terms: lower-cased word unigrams, word bigrams and character 3-grams inside " word ",
     * each hashed with 32-bit FNV-1a and a final mix into {@code hashSpace} buckets ({@code hashing} spells out
     * the exact function); column c holds term {@code vocabulary[c]} with weight (1 + ln tf) * idf[c], then the
     * row is L2-normalised. Terms outside the vocabulary are dropped.
     */
    record TfIdf(String hashing, int hashSpace, int[] vocabulary, float[] idf) implements FeaturizerParameters {
        public String type() {
            return "tfidf";
        }

        public int columns() {
            return vocabulary.length;
        }
    }

    /** Histograms of oriented gradients of a {@code side} x {@code side} grey image (Dalal &amp; Triggs 2005). */
    record Hog(int side, int cell, int bins, float blockClip, int columns) implements FeaturizerParameters {
        public String type() {
            return "hog";
        }
    }

    /**
     * Random Fourier features of {@code base}'s columns: column j = scale * cos(w[j] . x + b[j]) with {@code w}
     * row-major ({@code features} x {@code input}); when {@code hashed}, x is first folded into {@code input}
     * columns by signed feature hashing of the base column index.
     */
    record RandomFourier(FeaturizerParameters base, int features, int input, boolean hashed, double gamma, long seed,
                         float[] w, float[] b, float scale) implements FeaturizerParameters {
        public String type() {
            return "randomFourier";
        }

        public int columns() {
            return features;
        }
    }

    /**
     * The text's sentence embedding as columns: {@code encoder} turns the text into a unit-length vector of
     * {@code dimensions} numbers (mean pooling, L2-normalised); the service stores it as int8 times a scale.
     */
    record Embedding(String encoder, int dimensions) implements FeaturizerParameters {
        public String type() {
            return "sentenceEmbedding";
        }

        public int columns() {
            return dimensions;
        }
    }

    /** {@code first}'s columns followed by {@code second}'s (n-grams next to the sentence embedding). */
    record Concat(FeaturizerParameters first, FeaturizerParameters second) implements FeaturizerParameters {
        public String type() {
            return "concat";
        }

        public int columns() {
            return first.columns() + second.columns();
        }
    }

    /**
     * A random forest over {@code base}'s columns (x). Tree t starts at node {@code roots[t]}; node i is a leaf when
     * {@code feature[i] < 0}, and then row {@code left[i]} of {@code leafValues} (classes floats, row-major) holds its
     * class frequencies; otherwise go to {@code left[i]} when x[feature[i]] <= threshold[i], else to {@code right[i]}.
     * p = the mean over the trees of their leaves' rows; column c = ln(p_c + epsilon) for c < classes. With
     * {@code groups} > 0, columns classes * g + c (g = 1..groups) hold the same over the trees with t mod groups =
     * g - 1 (the committee's members; the head's weights on them are 0).
     */
    record Forest(FeaturizerParameters base, int classes, int groups, double epsilon, int[] roots, int[] feature,
                  float[] threshold, int[] left, int[] right, float[] leafValues) implements FeaturizerParameters {
        public String type() {
            return "randomForest";
        }

        public int columns() {
            return classes * (1 + groups);
        }
    }
}
