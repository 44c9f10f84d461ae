package io.labelloop.training.internal;

import io.labelloop.learning.Representation;
import io.labelloop.learning.TextRepresentation;
import io.labelloop.training.ModelSummary;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How a cycle reads a TEXT project's items: with their sentence embeddings or not, and why; stored in the model
 * version's provenance as {@code text} ({@code setting}, {@code representation} NGRAMS, EMBEDDINGS or BOTH,
 * {@code embeddingsRead}, {@code embedded}, {@code items}, {@code note}).
 */
record TextReading(boolean embeddings, TextRepresentation setting, long embedded, long items) {

    /** Projects other than TEXT. */
    static final TextReading NONE = new TextReading(false, null, 0, 0);

    /** Whether a model version was trained on items read with their embeddings. */
    static boolean readEmbeddings(ModelSummary version) {
        return version.provenance().get("text") instanceof Map<?, ?> t && Boolean.TRUE.equals(t.get("embeddingsRead"));
    }

    /** The provenance entry of a version trained over {@code used}; null for projects other than TEXT. */
    Map<String, Object> provenance(Representation used) {
        if (setting == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("setting", setting.name());
        m.put("representation", name(used));
        m.put("embeddingsRead", embeddings);
        m.put("embedded", embedded);
        m.put("items", items);
        if (setting.wantsEmbeddings() && !embeddings) {
            m.put("note", String.format(Locale.ROOT,
                    "n-grams until every item has its sentence embedding (%,d of %,d embedded so far)", embedded, items));
        }
        return m;
    }

    /** NGRAMS, EMBEDDINGS or BOTH: what a TEXT model's representation is called in the setting's terms. */
    static String name(Representation r) {
        return r == Representation.STANDARD ? TextRepresentation.NGRAMS.name() : r.name();
    }
}
