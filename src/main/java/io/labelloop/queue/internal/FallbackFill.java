package io.labelloop.queue.internal;

import io.labelloop.project.Project;
import org.springframework.stereotype.Component;

/**
 * What a claim does when a lease step came up short: adds fallback entries behind the ranked ones
 * ({@link FallbackEntries}) and holdout draws ({@link HoldoutStock}), each committed on its own, and tells the
 * training module once the ranked batch is used up ({@link DrySignal}).
 */
@Component
class FallbackFill {

    private static final int FALLBACK_CHUNK = 50;

    private final FallbackEntries fallbacks;
    private final HoldoutStock holdoutStock;
    private final HoldoutLine line;
    private final DrySignal drySignal;

    FallbackFill(FallbackEntries fallbacks, HoldoutStock holdoutStock, HoldoutLine line, DrySignal drySignal) {
        this.fallbacks = fallbacks;
        this.holdoutStock = holdoutStock;
        this.line = line;
        this.drySignal = drySignal;
    }

    /**
     * A claim went past the ranked batch: it handed out an entry of the cycle's headroom or a fallback entry, or found
     * fewer free entries than it wanted (the budget left room). The next cycle is due.
     */
    void batchUsedUp(long projectId) {
        drySignal.ranDry(projectId);
    }

    /**
     * Fills what the step could not lease: fallback entries for the ranked places, draws for the holdout's; marks in
     * the mix what has run out. Returns how many entries were added.
     */
    int fill(Project project, Leases.Step step, Leases.Mix mix) {
        int added = 0;
        if (step.regularShort() > 0) {
            int fallback = fallbacks.add(project.id(), Math.max(2 * step.regularShort(), FALLBACK_CHUNK));
            mix.othersLeft &= fallback > 0;
            added += fallback;
        }
        if (step.drawsShort() > 0) {
            int drawn = topUp(project, step.drawsShort());
            mix.drawsLeft &= drawn > 0;
            added += drawn;
        }
        return added;
    }

    /**
     * Draws from the unqueued pool; once fallbacks have queued all of it, from the free queue entries,
     * as many as the line gives the entries left (a pool smaller than the claim is shared between
     * draws and the rest at the holdout's share instead of going to the draws first).
     */
    private int topUp(Project project, int missing) {
        int drawn = holdoutStock.topUp(project.id(), missing);
        return drawn > 0 ? drawn : holdoutStock.convert(project.id(), line.draws(project, holdoutStock.convertible(project.id())));
    }
}
