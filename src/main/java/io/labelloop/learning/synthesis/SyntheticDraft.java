package io.labelloop.learning.synthesis;

import java.util.List;

/**
 * A created item, to be marked synthetic and shown to a person for a label. Exactly one payload as in
 * {@link SynthesisSeed}.
 *
 * @param text        the text of a TEXT draft, else null
 * @param values      the features or pixels of a TABULAR or IMAGE draft, else null
 * @param derivedFrom ids of the seeds it was made from (one or two)
 * @param method      short lowercase name of how it was made: "interpolation", "noise", "brightness",
 *                    "contrast", "shift", "rotation", "flip", "word-swap", "word-delete", "word-replace",
 *                    or several joined with "+"
 * @param description one human-readable line for annotators, e.g. "between #12 and #40 at 0.35"
 */
public record SyntheticDraft(String text, float[] values, List<Long> derivedFrom, String method, String description) {

    public SyntheticDraft {
        derivedFrom = List.copyOf(derivedFrom);
    }
}
