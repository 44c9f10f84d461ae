package io.labelloop.learning.bench;

/** The hand-written reading of the latest synthesis benchmark, appended to {@code synthesis.md}. */
final class SynthesisConclusion {
    static final String TEXT = """

            ## Reading

            (to be written after the run)
            """;

    private SynthesisConclusion() {
    }
}
