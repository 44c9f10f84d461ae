package io.labelloop.queue.internal;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.labelloop.annotation.LabelBudget;
import io.labelloop.item.ItemQueries;
import io.labelloop.item.ItemView;
import io.labelloop.project.Project;
import io.labelloop.queue.QueueRanDry;
import io.labelloop.queue.QueueSettings;
import io.labelloop.shared.ApiException;
import io.labelloop.shared.JdbcTransactions;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
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
    private static final long FALLBACK_WINDOW = 256;
    private static final long DRY_SIGNAL_GAP_NANOS = 1_000_000_000L;
    /** Per project; bounded so that memory does not grow with the number of projects ever claimed from. */
    private static final int MAX_TRACKED_PROJECTS = 10_000;
    private final Map<Long, long[]> idRanges = boundedPerProject();
    private final Map<Long, long[]> lastDrySignal = boundedPerProject();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final LabelBudget budget;
    private final ItemQueries items;
    private final QueueSettings settings;
    private final ApplicationEventPublisher events;
    private final JsonMapper mapper;

    private final TransactionTemplate ownTransaction;

    ClaimService(JdbcClient jdbc, LabelBudget budget, ItemQueries items, QueueSettings settings,
            ApplicationEventPublisher events, JsonMapper mapper, JdbcTransactions transactions) {
        this.ownTransaction = transactions.requiresNew();
        this.jdbc = jdbc;
        this.budget = budget;
        this.items = items;
        this.settings = settings;
        this.events = events;
        this.mapper = mapper;
    }

    private static Map<Long, long[]> boundedPerProject() {
        return Caffeine.newBuilder().maximumSize(MAX_TRACKED_PROJECTS).expireAfterAccess(Duration.ofHours(1))
                .<Long, long[]>build().asMap();
    }

    /** Why a claim came back empty. */
    public enum EmptyReason { BUDGET_EXHAUSTED, POOL_EXHAUSTED, STOPPED }

    public record ClaimedItem(long itemId, String externalId, String text, Map<String, Float> features, String imageUrl,
            Map<String, Object> metadata, boolean synthetic, ItemView.Provenance synthesis, double score, String reason,
            Map<String, Object> prediction, Instant leaseExpiresAt) {
    }

    public record Claim(List<ClaimedItem> items, EmptyReason reason) {
    }

    /**
     * A claim runs as short steps, each its own transaction: lease under the budget lock and drop
     * what was labeled meanwhile; if the ranked queue ran dry, add fallback entries (committed on
     * their own); lease again. No step holds locks while it waits for another, so concurrent
     * claimers cannot deadlock across connections.
     */
    public Claim claim(Project project, long userId, int count) {
        return claim(project, userId, count, settings.leaseDuration());
    }

    /** A claim whose leases last the given time (the labeling page's are short and renewed while it is open). */
    public Claim claim(Project project, long userId, int count, Duration leaseFor) {
        if (count < 1 || count > settings.maxClaim()) {
            throw ApiException.invalid("count", "must be between 1 and " + settings.maxClaim());
        }
        if (project.stopped()) {
            return new Claim(List.of(), EmptyReason.STOPPED);
        }
        List<Leased> leased = new ArrayList<>();
        Step first = leaseStep(project, userId, count, leaseFor);
        leased.addAll(first.leased());
        boolean budgetExhausted = first.budgetExhausted();
        if (leased.size() < count && !budgetExhausted) {
            // Concurrent claimers may pick the same unqueued items; each retry sees what the others committed.
            for (int attempt = 0; attempt < 5 && leased.size() < count && !budgetExhausted; attempt++) {
                if (addFallback(project.id(), Math.max(2 * (count - leased.size()), FALLBACK_CHUNK)) == 0
                        && !hasFreeEntries(project.id())) {
                    break;
                }
                int missing = count - leased.size();
                Step again = leaseStep(project, userId, missing, leaseFor);
                leased.addAll(again.leased());
                budgetExhausted = again.budgetExhausted();
            }
            ranDry(project.id());
        }
        if (leased.isEmpty()) {
            return new Claim(List.of(), budgetExhausted ? EmptyReason.BUDGET_EXHAUSTED : EmptyReason.POOL_EXHAUSTED);
        }
        leased.sort(Comparator.comparingInt(Leased::skips).thenComparingInt(Leased::rank));
        List<ClaimedItem> out = new ArrayList<>();
        for (Leased l : leased) {
            ItemView item = l.item();
            out.add(new ClaimedItem(l.itemId(), item.externalId(), item.text(), item.features(), item.imageUrl(),
                    item.metadata(), item.synthetic(), item.synthesis(), l.score(), l.reason(),
                    l.prediction() == null ? null : mapper.readValue(l.prediction(), MAP), l.expiresAt()));
        }
        return new Claim(out, null);
    }

    /** What one lease step got, and whether the budget (counting live leases) had nothing left. */
    private record Step(List<Leased> leased, boolean budgetExhausted) {
    }

    /**
     * One lease step committed on its own. Without a budget it is the lease statement alone, which
     * outside a caller's transaction runs as its own (implicit) transaction: no COMMIT round trip.
     */
    private Step leaseStep(Project project, long userId, int n, Duration leaseFor) {
        if (project.budget() == null && !TransactionSynchronizationManager.isActualTransactionActive()) {
            return new Step(lease(project.id(), userId, n, leaseFor), false);
        }
        return ownTransaction.execute(status -> leaseWithinBudget(project, userId, n, leaseFor));
    }

    /**
     * Leases up to n items; with a budget, live leases are reservations against it, counted under its lock.
     * The step commits asynchronously: a lease lost in a database crash only makes its item claimable
     * again, which a lease expiring does anyway, so no claim waits for (or holds the budget lock across)
     * a WAL flush. Labels, which must survive, commit synchronously.
     */
    private Step leaseWithinBudget(Project project, long userId, int n, Duration leaseFor) {
        int wanted = n;
        if (project.budget() != null) {
            LabelBudget.Held held = budget.lock(project.id());
            long live = jdbc.sql("select count(*) from queue_entries where project_id = ? and lease_expires_at >= now()")
                    .param(project.id()).query(Long.class).single();
            wanted = (int) Math.min(n, held.left() - live);
            if (wanted <= 0) {
                return new Step(List.of(), true);
            }
        }
        return new Step(lease(project.id(), userId, wanted, leaseFor), false);
    }

    /**
     * Tells the training module once per {@link #DRY_SIGNAL_GAP_NANOS} and project: while the
     * ranked batch is used up every fallback claim would say it again, and each signal costs a
     * cycle check (pool counts, all labels loaded) that finds the cycle busy or not yet due.
     */
    private void ranDry(long projectId) {
        long now = System.nanoTime();
        long[] last = lastDrySignal.computeIfAbsent(projectId, id -> new long[] {now - DRY_SIGNAL_GAP_NANOS});
        synchronized (last) {
            if (now - last[0] < DRY_SIGNAL_GAP_NANOS) {
                return;
            }
            last[0] = now;
        }
        events.publishEvent(new QueueRanDry(projectId));
    }

    private record Leased(long itemId, int rank, int skips, double score, String reason, String prediction, Instant expiresAt,
            ItemView item) {
    }

    /**
     * One statement: it sets the transaction's commit to asynchronous (see {@link #leaseWithinBudget}),
     * picks the first free entries, leases those whose item is still unlabeled and deletes the others,
     * and reads the leased items (the item module maps their columns: {@link ItemQueries#rowMapper}).
     * Such stale entries come from a fallback insert or a queue refill that worked on a snapshot taken
     * before someone labeled the item; this statement's snapshot is newer and sees that label.
     */
    private List<Leased> lease(long projectId, long userId, int n, Duration leaseFor) {
        Timestamp until = Timestamp.from(Instant.now().plus(leaseFor));
        RowMapper<ItemView> itemRow = items.rowMapper(projectId);
        return jdbc.sql("""
                with async_commit as (select set_config('synchronous_commit', 'off', true)),
                picked as (
                    select q.item_id,
                           not exists (select 1 from unlabeled_items u where u.item_id = q.item_id) as labeled
                    from queue_entries q
                    where q.project_id = ? and (q.lease_expires_at is null or q.lease_expires_at < now())
                    order by q.skips, q.rank
                    limit ?
                    for update of q skip locked),
                dropped as (
                    delete from queue_entries d using picked where d.item_id = picked.item_id and picked.labeled),
                leased as (
                    update queue_entries q set lease_owner = ?, lease_expires_at = ?
                    from picked, async_commit where q.item_id = picked.item_id and not picked.labeled
                    returning q.item_id as leased_item, q.rank as leased_rank, q.skips as leased_skips,
                              coalesce(q.score, 0) as leased_score, q.reason as leased_reason,
                              q.prediction::text as leased_prediction, q.lease_expires_at as leased_until)
                select l.*, i.* from leased l join items i on i.id = l.leased_item""")
                .params(projectId, n, userId, until)
                .query((rs, i) -> new Leased(rs.getLong("leased_item"), rs.getInt("leased_rank"), rs.getInt("leased_skips"),
                        rs.getDouble("leased_score"), rs.getString("leased_reason"), rs.getString("leased_prediction"),
                        rs.getTimestamp("leased_until").toInstant(), itemRow.mapRow(rs, i)))
                .list();
    }

    private boolean hasFreeEntries(long projectId) {
        return jdbc.sql("select exists (select 1 from queue_entries where project_id = ? and (lease_expires_at is null or lease_expires_at < now()))")
                .param(projectId).query(Boolean.class).single();
    }

    /**
     * Unranked pool items behind everything ranked, so the queue is never empty while the pool is
     * not. Each call starts at a random point of the project's id range (wrapping around), so that
     * concurrent claimers neither collide on the same items nor rescan the items already taken. It
     * reads the range in bounded windows (doubling while they come up empty): one open-ended scan
     * took half a second on a fresh upload, whose table statistics led the planner to a bitmap
     * scan of every item above the start instead of the first few in id order.
     */
    private int addFallback(long projectId, int n) {
        long[] range = idRanges.computeIfAbsent(projectId, id -> jdbc
                .sql("select coalesce(min(id), 0), coalesce(max(id), 0) from items where project_id = ?")
                .param(id).query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).single());
        long span = range[1] - range[0] + 1;
        long from = range[0] + (long) (Math.random() * span);
        long window = FALLBACK_WINDOW;
        int added = 0;
        for (long covered = 0; added == 0 && covered < span; window *= 2) {
            long to = Math.min(from + window, range[1] + 1);
            added = insertFallback(projectId, from, to, n);
            covered += to - from;
            from = to > range[1] ? range[0] : to;
        }
        if (added == 0) {
            idRanges.remove(projectId); // new uploads may have widened the range
        }
        return added;
    }

    /**
     * One ascending insert in its own short transaction: it holds no lock the claim could later
     * wait on, so concurrent claimers cannot deadlock; the entries are leased afterwards with SKIP LOCKED.
     */
    private int insertFallback(long projectId, long fromId, long toId, int n) {
        return ownTransaction.execute(status -> {
            // fallback entries lost in a database crash are simply added again by the next claim
            jdbc.sql("set local synchronous_commit = off").update();
            // The window is read on its own (materialized) so that the project's condition cannot
            // pull in a scan of the project's index: only the id range bounds the work.
            return jdbc.sql("""
                with window_items as materialized (
                    select item_id, project_id from unlabeled_items where item_id >= ? and item_id < ?)
                insert into queue_entries (item_id, project_id, rank, reason)
                select u.item_id, u.project_id,
                       coalesce((select max(rank) from queue_entries where project_id = ?), 0) + row_number() over (), 'FALLBACK'
                from (select u.item_id, u.project_id from window_items u
                      where u.project_id = ?
                        and not exists (select 1 from queue_entries q where q.item_id = u.item_id)
                      order by u.item_id
                      limit ?) u
                on conflict (item_id) do nothing""")
                    .params(fromId, toId, projectId, projectId, n).update();
        });
    }

    /** Ends the caller's lease and moves the item behind the items not skipped as often. */
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
    }
}
