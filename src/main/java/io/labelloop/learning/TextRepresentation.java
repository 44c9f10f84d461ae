package io.labelloop.learning;

import java.util.List;

/**
 * What a TEXT project's items may become for the model (the project setting {@code textRepresentation}).
 * {@link #AUTO} compares n-grams, embeddings and both by cross-validation with the model family; every value but
 * {@link #NGRAMS} needs the items' sentence embeddings and trains on n-grams until they are there.
 */
public enum TextRepresentation {
    AUTO, NGRAMS, EMBEDDINGS, BOTH;

    /**
     * The representations a text model may be trained over, given whether the items carry embeddings. Under AUTO,
     * BOTH comes first: it is what trains below the labels a comparison needs, and the incumbent another
     * representation must beat by the switching margin (it was never behind n-grams in docs/embeddings.md).
     */
    public List<Representation> candidates(boolean embedded) {
        if (!embedded) {
            return List.of(Representation.STANDARD);
        }
        return switch (this) {
            case AUTO -> List.of(Representation.BOTH, Representation.STANDARD, Representation.EMBEDDINGS);
            case NGRAMS -> List.of(Representation.STANDARD);
            case EMBEDDINGS -> List.of(Representation.EMBEDDINGS);
            case BOTH -> List.of(Representation.BOTH);
        };
    }

    /** Whether this setting trains on embeddings once they are there. */
    public boolean wantsEmbeddings() {
        return this != NGRAMS;
    }

    /** The value of a setting's text, AUTO for null or unknown. */
    public static TextRepresentation of(String name) {
        for (TextRepresentation t : values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return AUTO;
    }
}
