package io.labelloop.queue.internal;

import io.labelloop.annotation.GoldItems;
import io.labelloop.item.ItemQueries;
import io.labelloop.item.ItemView;
import io.labelloop.project.Project;
import io.labelloop.queue.QueueBoard;
import io.labelloop.queue.QueueReason;
import io.labelloop.queue.QueueSettings;
import io.labelloop.shared.ApiException;
import io.labelloop.shared.Seeds;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A claim: what it hands out and in which order. Ranked entries and holdout draws at the holdout line's share, leased
 * in short steps ({@link Leases}); when a step comes up short, fallback entries and draws are added
 * ({@link FallbackFill}) and it leases again; gold items at the project's gold rate among them. No step holds locks
 * while it waits for another, so concurrent claimers cannot deadlock across connections, none waits on another's
 * top-up, and none waits for a queue refill ({@link io.labelloop.queue.QueueBoard#replace}).
 */
@Service
public class ClaimService {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final Leases leases;
    private final FallbackFill fill;
    private final ItemQueries items;
    private final QueueSettings settings;
    private final JsonMapper mapper;
    private final GoldItems golds;
    /** Which claim items are gold and where they go among the others; a named seed ({@link Seeds}). */
    private final SplittableRandom goldDraws = new SplittableRandom(Seeds.GOLD_DRAWS);

    /** {@code labelloop_claims_seconds}: time of a claim in the service (API and labeling page), by result. */
    private final Timer claims;
    private final Timer emptyClaims;
    /** {@code labelloop_claims_fallback_seconds}: claims that found the ranked queue short and queued fallback items. */
    private final Timer fallbackClaims;

    ClaimService(Leases leases, FallbackFill fill, ItemQueries items, QueueSettings settings, JsonMapper mapper,
            GoldItems golds, MeterRegistry registry) {
        this.claims = claimTimer("items", registry);
        this.emptyClaims = claimTimer("empty", registry);
        this.fallbackClaims = Timer.builder("labelloop.claims.fallback")
                .description("Claims that found fewer free ranked entries than they asked for and queued fallback items")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
        this.leases = leases;
        this.fill = fill;
        this.items = items;
        this.settings = settings;
        this.mapper = mapper;
        this.golds = golds;
    }

    /** Why a claim came back empty. */
    public enum EmptyReason { BUDGET_EXHAUSTED, POOL_EXHAUSTED, STOPPED }

    public record ClaimedItem(long itemId, String externalId, String text, Map<String, Float> features, String imageUrl,
            Map<String, Object> metadata, boolean synthetic, ItemView.Provenance synthesis, double score, QueueReason reason,
            Map<String, Object> prediction, Instant leaseExpiresAt) {
    }

    public record Claim(List<ClaimedItem> items, EmptyReason reason) {
    }

    /**
     * A claim runs as short steps, each committed on its own: lease (under the budget lock, if any) and drop
     * what was labeled meanwhile, with the holdout's share of draws ({@link HoldoutLine}); if the
     * holdout draws or the ranked queue ran short, top up the draws or add fallback entries; lease again.
     */
    public Claim claim(Project project, long userId, int count) {
        return claim(project, userId, count, settings.leaseDuration());
    }

    /** A claim whose leases last the given time (the labeling page's are short and renewed while it is open). */
    public Claim claim(Project project, long userId, int count, Duration leaseFor) {
        if (count < 1 || count > settings.maxClaim()) {
            throw ApiException.invalid("count", "must be between 1 and " + settings.maxClaim());
        }
        long start = System.nanoTime();
        Served served = claimTimed(project, userId, count, leaseFor);
        long nanos = System.nanoTime() - start;
        (served.claim().items().isEmpty() ? emptyClaims : claims).record(nanos, TimeUnit.NANOSECONDS);
        if (served.rankedShort()) {
            fallbackClaims.record(nanos, TimeUnit.NANOSECONDS);
        }
        return served.claim();
    }

    /** A claim and whether it found the ranked queue short (and queued fallback items). */
    private record Served(Claim claim, boolean rankedShort) {
        Served or(boolean earlier) {
            return earlier ? new Served(claim, true) : this;
        }
    }

    private Served claimTimed(Project project, long userId, int count, Duration leaseFor) {
        if (project.queue().stopped()) {
            return new Served(new Claim(List.of(), EmptyReason.STOPPED), false);
        }
        int gold = goldShare(project, count);
        if (gold == 0) {
            return claimRegular(project, userId, count, leaseFor);
        }
        Served regular = claimRegular(project, userId, Math.max(1, count - gold), leaseFor);
        if (regular.claim().items().isEmpty()) {
            return regular; // no gold once the budget or the pool is done
        }
        List<ClaimedItem> out = new ArrayList<>(regular.claim().items());
        if (count - gold <= 0) {
            leases.release(out.removeLast().itemId(), userId);
        }
        List<Long> served = golds.serve(project.id(), userId, count - out.size());
        Instant until = Instant.now().plus(leaseFor);
        Map<Long, ItemView> views = items.getAll(project.id(), served);
        for (long id : served) {
            ItemView v = views.get(id);
            if (v == null) {
                continue;
            }
            // indistinguishable from a pool item: no gold flag, the reason of an unranked pick
            ClaimedItem item = new ClaimedItem(id, v.externalId(), v.text(), v.features(), v.imageUrl(), v.metadata(), v.synthetic(),
                    v.synthesis(), 0, QueueReason.FALLBACK, null, until);
            synchronized (goldDraws) {
                out.add(goldDraws.nextInt(out.size() + 1), item);
            }
        }
        if (out.isEmpty()) {
            return claimRegular(project, userId, count, leaseFor).or(regular.rankedShort());
        }
        return new Served(new Claim(out, null), regular.rankedShort());
    }

    private static Timer claimTimer(String result, MeterRegistry registry) {
        return Timer.builder("labelloop.claims").tag("result", result)
                .description("Claims served (items: at least one item; empty: budget, pool or project done)")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
    }

    /** How many of a claim's items are gold: each with the project's gold rate. */
    private int goldShare(Project project, int count) {
        Double rate = project.team().goldRate();
        if (rate == null || rate <= 0) {
            return 0;
        }
        int gold = 0;
        synchronized (goldDraws) {
            for (int i = 0; i < count; i++) {
                gold += goldDraws.nextDouble() < rate ? 1 : 0;
            }
        }
        return gold;
    }

    private Served claimRegular(Project project, long userId, int count, Duration leaseFor) {
        List<Leases.Leased> leased = new ArrayList<>();
        Leases.Mix mix = new Leases.Mix(leaseFor);
        Leases.Step step = leases.step(project, userId, count, mix);
        leased.addAll(step.leased());
        boolean rankedShort = step.regularShort() > 0 && !step.budgetExhausted();
        if (rankedShort || pastBatch(project, step.leased())) {
            fill.batchUsedUp(project.id());
        }
        // Concurrent claimers may pick the same unqueued items; each retry sees what the others committed.
        for (int attempt = 0; attempt < 5 && leased.size() < count && !step.budgetExhausted(); attempt++) {
            if (fill.fill(project, step, mix) == 0 && !leases.anyFree(project.id())) {
                break;
            }
            step = leases.step(project, userId, count - leased.size(), mix);
            leased.addAll(step.leased());
        }
        if (leased.isEmpty()) {
            return new Served(new Claim(List.of(), step.budgetExhausted() ? EmptyReason.BUDGET_EXHAUSTED : EmptyReason.POOL_EXHAUSTED),
                    rankedShort);
        }
        return new Served(new Claim(inOrder(leased).stream().map(this::claimed).toList(), null), rankedShort);
    }

    /** Whether the claim handed out an entry behind the ranked batch: the cycle's headroom or a fallback entry. */
    private static boolean pastBatch(Project project, List<Leases.Leased> leased) {
        int batch = project.queue().batchSize();
        return leased.stream().anyMatch(l -> QueueBoard.beyondBatch(l.reason(), l.rank(), batch));
    }

    /** By skips and rank, the holdout draws spread through (see {@link HoldoutLine#spread}). */
    private static List<Leases.Leased> inOrder(List<Leases.Leased> leased) {
        Comparator<Leases.Leased> order = Comparator.comparingInt(Leases.Leased::skips).thenComparingInt(Leases.Leased::rank);
        List<Leases.Leased> draws = leased.stream().filter(Leases.Leased::drawSlot).sorted(order).toList();
        List<Leases.Leased> others = leased.stream().filter(l -> !l.drawSlot()).sorted(order).toList();
        return HoldoutLine.spread(others, draws);
    }

    private ClaimedItem claimed(Leases.Leased l) {
        ItemView item = l.item();
        return new ClaimedItem(l.itemId(), item.externalId(), item.text(), item.features(), item.imageUrl(),
                item.metadata(), item.synthetic(), item.synthesis(), l.score(), l.reason(),
                l.prediction() == null ? null : mapper.readValue(l.prediction(), MAP), l.expiresAt());
    }

    /** Ends the caller's lease, moves the item behind the items not skipped as often and records who skipped it (the dashboard's skips). */
    public void skip(Project project, long itemId, long userId) {
        leases.skip(project, itemId, userId);
    }
}
