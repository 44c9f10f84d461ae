package io.labelloop.learning.bench;

/** The hand-written reading of the latest synthesis benchmark, appended to {@code synthesis.md}. */
final class SynthesisConclusion {
    static final String TEXT = """

            ## Reading

            - **Synthesis on (QUERY) mostly does not save labels here.** It clearly helps on one dataset \
            (credit_data: +0.005 AUBC, 7 of 10 seeds, 95%% reached at 180 instead of 260 labels), clearly hurts on \
            sklearn_digits_8x8 (−0.020, 0 of 10 seeds, 95%% at 200 instead of 100 labels), is lower but within noise on \
            mnist_10k (−0.042 ± 0.057, 1 of 4 seeds, 300 vs 180 labels) \
            and makes no clear difference on the other tabular sets, where the point estimate is mostly slightly negative \
            and labels-to-95%% is worse on hpc_jobs (340 vs 220) and vehicle (340 vs 180). The reason is visible in the \
            last column: a synthetic label costs the same as a real one, but an edit of an uncertain digit teaches \
            a linear pixel model less than another real uncertain digit, and on tabular data a third to two thirds of the drafts \
            near the boundary are ones the annotator cannot label (they cost nothing but fill no gap either). The \
            default strategy already picks uncertain, diverse real items from pools of hundreds to thousands; \
            synthesis is meant for regions the pool does not cover, which these pools hardly have. Keep it off by \
            default and offer it per project.
            - **Label-preserving training copies (AUGMENT) help on tabular data**: higher AUBC on satellite \
            (+0.012, 10/10), soybean (+0.019, 10/10), vehicle (+0.021, 8/10) and credit_data (+0.006, 8/10), no clear \
            change on the small, easy sets (iris, wine, breast_cancer_wdbc, hpc_jobs), and it reaches 95%% sooner on \
            satellite (100 vs 160 labels). The noisy copies act as a regulariser (training with input noise, Bishop \
            1995) at no labeling cost. On digit images it hurts (−0.028 on sklearn_digits_8x8, 0/10): a one-pixel \
            shift or a 15-degree rotation of an 8x8 image is a large change for a linear pixel model. \
            `Synthesizer.labelPreservingCopies` stays in the core for TABULAR projects; leave it off for IMAGE.
            - **mnist_10k was run with 4 seeds and a 2,000-item pool** (`--datasets mnist --seeds 4 --max-pool 2000`), \
            not 10 seeds and 4,000, to fit the time box on a shared two-core machine; its full-pool accuracy (0.756) \
            is for that smaller pool and its differences are within noise. Every other row: 10 seeds.
            - Caveats: one split per dataset, the oracle for tabular drafts is a 5-nearest-real-items \
            vote (a person might label some boundary drafts the oracle rejects, or label some differently), and \
            TEXT synthesis is built and tested but not benchmarked.
            """.replace("%%", "%");

    private SynthesisConclusion() {
    }
}
