package io.labelloop.queue.internal;

import io.labelloop.annotation.GoldItems;
import io.labelloop.annotation.LabelBudget;
import io.labelloop.shared.Seeds;
import java.util.SplittableRandom;
import io.labelloop.item.ItemQueries;
import io.labelloop.item.ItemView;
import io.labelloop.project.Project;
import io.labelloop.queue.QueueReason;
import io.labelloop.queue.QueueSettings;
import io.labelloop.shared.AdvisoryLocks;
import io.labelloop.shared.ApiException;
import io.labelloop.shared.JdbcTransactions;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hands out the highest-ranked free items under a lease. {@code FOR UPDATE SKIP LOCKED} keeps two
 * callers off the same row; an expired lease simply counts as free again. With a budget, live
 * leases are reservations against it, so nobody gets an item whose label the budget could not take.
 */
@Service
public class ClaimService {

    private static final int FALLBACK_CHUNK = 50;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final LabelBudget budget;
    private final ItemQueries items;
    private final QueueSettings settings;
    private final DrySignal drySignal;
    private final JsonMapper mapper;
    private final HoldoutLine line;
    private final HoldoutStock holdoutStock;
    private final FallbackEntries fallbacks;
    private final GoldItems golds;
    /** Which claim items are gold and where they go among the others; a named seed ({@link Seeds}). */
    private final SplittableRandom goldDraws = new SplittableRandom(Seeds.GOLD_DRAWS);

    private final TransactionTemplate ownTransaction;
    /** {@code labelloop_claims_seconds}: time of a claim in the service (API and labeling page), by result. */
    private final Timer claims;
    private final Timer emptyClaims;

    ClaimService(JdbcClient jdbc, LabelBudget budget, ItemQueries items, QueueSettings settings,
            DrySignal drySignal, JsonMapper mapper, JdbcTransactions transactions, HoldoutLine line,
            HoldoutStock holdoutStock, FallbackEntries fallbacks, GoldItems golds, MeterRegistry registry) {
        this.claims = claimTimer("items", registry);
        this.emptyClaims = claimTimer("empty", registry);
        this.golds = golds;
        this.ownTransaction = transactions.requiresNew();
        this.line = line;
        this.holdoutStock = holdoutStock;
        this.fallbacks = fallbacks;
        this.jdbc = jdbc;
        this.budget = budget;
        this.items = items;
        this.settings = settings;
        this.drySignal = drySignal;
        this.mapper = mapper;
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
     * A claim runs as short steps, each its own transaction: lease under the budget lock and drop
     * what was labeled meanwhile, with the holdout's share of draws ({@link HoldoutLine}); if the
     * holdout draws or the ranked queue ran short, top up the draws or add fallback entries (each
     * committed on its own); lease again. No step holds locks while it waits for another, so
     * concurrent claimers cannot deadlock across connections, and none waits on another's top-up.
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
        Claim claim = claimTimed(project, userId, count, leaseFor);
        (claim.items().isEmpty() ? emptyClaims : claims).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return claim;
    }

    private Claim claimTimed(Project project, long userId, int count, Duration leaseFor) {
        if (project.queue().stopped()) {
            return new Claim(List.of(), EmptyReason.STOPPED);
        }
        int gold = goldShare(project, count);
        if (gold == 0) {
            return claimRegular(project, userId, count, leaseFor);
        }
        Claim regular = claimRegular(project, userId, Math.max(1, count - gold), leaseFor);
        if (regular.items().isEmpty()) {
            return regular; // no gold once the budget or the pool is done
        }
        List<ClaimedItem> out = new ArrayList<>(regular.items());
        if (count - gold <= 0) {
            release(out.removeLast(), userId);
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
            return claimRegular(project, userId, count, leaseFor);
        }
        return new Claim(out, null);
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

    private void release(ClaimedItem item, long userId) {
        jdbc.sql("update queue_entries set lease_owner = null, lease_expires_at = null where item_id = ? and lease_owner = ?")
                .params(item.itemId(), userId).update();
    }

    private Claim claimRegular(Project project, long userId, int count, Duration leaseFor) {
        List<Leased> leased = new ArrayList<>();
        Mix mix = new Mix(leaseFor);
        Step step = leaseStep(project, userId, count, mix);
        leased.addAll(step.leased());
        if (step.regularShort() > 0 && !step.budgetExhausted() && waitedForRefill(project.id())) {
            // a cycle was replacing the queue: its new ranked entries are there now
            step = leaseStep(project, userId, count - leased.size(), mix);
            leased.addAll(step.leased());
        }
        if (step.regularShort() > 0 && !step.budgetExhausted()) {
            drySignal.ranDry(project.id());
        }
        // Concurrent claimers may pick the same unqueued items; each retry sees what the others committed.
        for (int attempt = 0; attempt < 5 && leased.size() < count && !step.budgetExhausted(); attempt++) {
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
            if (added == 0 && !hasFreeEntries(project.id())) {
                break;
            }
            step = leaseStep(project, userId, count - leased.size(), mix);
            leased.addAll(step.leased());
        }
        if (leased.isEmpty()) {
            return new Claim(List.of(), step.budgetExhausted() ? EmptyReason.BUDGET_EXHAUSTED : EmptyReason.POOL_EXHAUSTED);
        }
        return new Claim(inOrder(leased).stream().map(this::claimed).toList(), null);
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

    /** By skips and rank, the holdout draws spread through (see {@link HoldoutLine#spread}). */
    private static List<Leased> inOrder(List<Leased> leased) {
        Comparator<Leased> order = Comparator.comparingInt(Leased::skips).thenComparingInt(Leased::rank);
        List<Leased> draws = leased.stream().filter(Leased::drawSlot).sorted(order).toList();
        List<Leased> others = leased.stream().filter(l -> !l.drawSlot()).sorted(order).toList();
        return HoldoutLine.spread(others, draws);
    }

    private ClaimedItem claimed(Leased l) {
        ItemView item = l.item();
        return new ClaimedItem(l.itemId(), item.externalId(), item.text(), item.features(), item.imageUrl(),
                item.metadata(), item.synthetic(), item.synthesis(), l.score(), l.reason(),
                l.prediction() == null ? null : mapper.readValue(l.prediction(), MAP), l.expiresAt());
    }

    /**
     * What a claim may still hand out: holdout draws while a top-up can find any, and other entries
     * while fallbacks can add some. Once one kind is used up, the other fills its places.
     */
    private static final class Mix {
        final Duration leaseFor;
        boolean drawsLeft = true;
        boolean othersLeft = true;

        Mix(Duration leaseFor) {
            this.leaseFor = leaseFor;
        }
    }

    /**
     * What one lease step got, whether the budget (counting live leases) had nothing left, and how
     * many holdout draws and other entries it wanted but found no free entry for.
     */
    private record Step(List<Leased> leased, boolean budgetExhausted, int drawsShort, int regularShort) {
    }

    /**
     * One lease step committed on its own. Without a budget it is the holdout line's read and the
     * lease statement, which outside a caller's transaction run as their own (implicit)
     * transactions: no COMMIT round trip.
     */
    private Step leaseStep(Project project, long userId, int n, Mix mix) {
        if (project.queue().budget() == null && !TransactionSynchronizationManager.isActualTransactionActive()) {
            return split(project, userId, n, mix);
        }
        return ownTransaction.execute(status -> leaseWithinBudget(project, userId, n, mix));
    }

    /**
     * Leases up to n items; with a budget, live leases are reservations against it, counted under its lock.
     * The step commits asynchronously: a lease lost in a database crash only makes its item claimable
     * again, which a lease expiring does anyway, so no claim waits for (or holds the budget lock across)
     * a WAL flush. Labels, which must survive, commit synchronously.
     */
    private Step leaseWithinBudget(Project project, long userId, int n, Mix mix) {
        int wanted = n;
        if (project.queue().budget() != null) {
            wanted = (int) Math.min(n, BudgetRoom.left(jdbc, project.id(), budget.lock(project.id())));
            if (wanted <= 0) {
                return new Step(List.of(), true, 0, 0);
            }
        }
        return split(project, userId, wanted, mix);
    }

    /** Leases n items: the holdout line's share of draws, the others from the ranked queue. */
    private Step split(Project project, long userId, int n, Mix mix) {
        int draws = mix.drawsLeft && mix.othersLeft ? line.draws(project, n) : 0;
        List<Leased> got = lease(project.id(), userId, draws, n - draws, !mix.othersLeft, mix.leaseFor);
        int drawsGot = (int) got.stream().filter(Leased::drawSlot).count();
        return new Step(got, false, draws - drawsGot, n - draws - (got.size() - drawsGot));
    }

    private record Leased(long itemId, int rank, int skips, double score, QueueReason reason, String prediction, Instant expiresAt,
            boolean drawSlot, ItemView item) {
    }

    /**
     * One statement: it sets the transaction's commit to asynchronous (see {@link #leaseWithinBudget}),
     * picks the first free holdout draws and the first free other entries ({@code othersTakeDraws}:
     * any entries), leases those whose item is still unlabeled and deletes the others, and reads the
     * leased items (the item module maps their columns: {@link ItemQueries#rowMapper}). An entry waiting
     * for a further judgment ({@code overlap}, migration V17) is never handed to someone who judged its item.
     * Such stale entries come from a fallback insert or a queue refill that worked on a snapshot taken
     * before someone labeled the item; this statement's snapshot is newer and sees that label.
     */
    private List<Leased> lease(long projectId, long userId, int draws, int others, boolean othersTakeDraws,
            Duration leaseFor) {
        Timestamp until = Timestamp.from(Instant.now().plus(leaseFor));
        RowMapper<ItemView> itemRow = items.rowMapper(projectId);
        return jdbc.sql("""
                with async_commit as (select set_config('synchronous_commit', 'off', true)),
                picked_draws as (
                    select q.item_id, true as draw_slot,
                           not q.overlap and not exists (select 1 from unlabeled_items u where u.item_id = q.item_id) as labeled
                    from queue_entries q
                    where q.project_id = ? and q.holdout and (q.lease_expires_at is null or q.lease_expires_at < now())
                      and (not q.overlap or not exists (select 1 from judgments j where j.item_id = q.item_id and j.user_id = ?))
                    order by q.skips, q.rank
                    limit ?
                    for update of q skip locked),
                picked_others as (
                    select q.item_id, false as draw_slot,
                           not q.overlap and not exists (select 1 from unlabeled_items u where u.item_id = q.item_id) as labeled
                    from queue_entries q
                    where q.project_id = ? and (not q.holdout or ?)
                      and (q.lease_expires_at is null or q.lease_expires_at < now())
                      and (not q.overlap or not exists (select 1 from judgments j where j.item_id = q.item_id and j.user_id = ?))
                    order by q.skips, q.rank
                    limit ?
                    for update of q skip locked),
                picked as (select * from picked_draws union all select * from picked_others),
                dropped as (
                    delete from queue_entries d using picked where d.item_id = picked.item_id and picked.labeled),
                leased as (
                    update queue_entries q set lease_owner = ?, lease_expires_at = ?
                    from picked, async_commit where q.item_id = picked.item_id and not picked.labeled
                    returning q.item_id as leased_item, q.rank as leased_rank, q.skips as leased_skips,
                              coalesce(q.score, 0) as leased_score, q.reason as leased_reason,
                              q.prediction::text as leased_prediction, q.lease_expires_at as leased_until,
                              picked.draw_slot as leased_draw_slot)
                select l.*, i.* from leased l join items i on i.id = l.leased_item""")
                .params(projectId, userId, draws, projectId, othersTakeDraws, userId, others, userId, until)
                .query((rs, i) -> new Leased(rs.getLong("leased_item"), rs.getInt("leased_rank"), rs.getInt("leased_skips"),
                        rs.getDouble("leased_score"), QueueReason.valueOf(rs.getString("leased_reason")), rs.getString("leased_prediction"),
                        rs.getTimestamp("leased_until").toInstant(), rs.getBoolean("leased_draw_slot"), itemRow.mapRow(rs, i)))
                .list();
    }

    /**
     * Whether a queue refill of the project was running ({@link io.labelloop.queue.QueueBoard#replace}); if so, returns
     * once it has committed. Each statement runs on its own, so the shared lock is let go at once.
     */
    private boolean waitedForRefill(long projectId) {
        boolean free = Boolean.TRUE.equals(ownTransaction.execute(s -> jdbc.sql("select pg_try_advisory_xact_lock_shared(?, ?)")
                .params(AdvisoryLocks.QUEUE_REFILL, Math.toIntExact(projectId)).query(Boolean.class).single()));
        if (free) {
            return false;
        }
        ownTransaction.executeWithoutResult(s -> jdbc.sql("select pg_advisory_xact_lock_shared(?, ?)")
                .params(AdvisoryLocks.QUEUE_REFILL, Math.toIntExact(projectId)).query().listOfRows());
        return true;
    }

    private boolean hasFreeEntries(long projectId) {
        return jdbc.sql("select exists (select 1 from queue_entries where project_id = ? and (lease_expires_at is null or lease_expires_at < now()))")
                .param(projectId).query(Boolean.class).single();
    }

    /** Ends the caller's lease, moves the item behind the items not skipped as often and records who skipped it (the dashboard's skips). */
    @Transactional
    public void skip(Project project, long itemId, long userId) {
        Long owner = jdbc.sql("""
                select case when lease_expires_at > now() then lease_owner end from queue_entries
                where item_id = ? and project_id = ? for update""")
                .params(itemId, project.id())
                .query((rs, n) -> {
                    long id = rs.getLong(1);
                    return rs.wasNull() ? -1L : id;
                })
                .optional()
                .orElseThrow(() -> ApiException.notFound("queued item", itemId));
        if (owner != -1L && owner != userId) {
            throw ApiException.conflict("item " + itemId + " is leased to someone else");
        }
        jdbc.sql("update queue_entries set skips = skips + 1, lease_owner = null, lease_expires_at = null where item_id = ?")
                .param(itemId).update();
        jdbc.sql("insert into label_skips (project_id, item_id, user_id) values (?, ?, ?)").params(project.id(), itemId, userId).update();
    }
}
