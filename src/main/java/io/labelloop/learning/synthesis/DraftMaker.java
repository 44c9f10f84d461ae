package io.labelloop.learning.synthesis;

import java.util.Random;

/** Makes one draft from a starting seed, or null when that seed allows none. */
interface DraftMaker {
    SyntheticDraft make(int start, Random rnd);
}
