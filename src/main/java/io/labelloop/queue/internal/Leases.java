package io.labelloop.queue.internal;

import io.labelloop.annotation.LabelBudget;
import io.labelloop.item.ItemQueries;
import io.labelloop.item.ItemView;
import io.labelloop.project.Project;
import io.labelloop.queue.QueueReason;
import io.labelloop.queue.QueueSettings;
import io.labelloop.shared.ApiException;
import io.labelloop.shared.JdbcTransactions;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Leases on queue entries: the lease step a claim repeats, its release and the skip. {@code FOR UPDATE SKIP LOCKED}
 * keeps two callers off the same row and never waits for another's (a claimer's, a label's, a queue refill's); an
 * expired lease simply counts as free again. With a budget, live leases are reservations against it, so nobody
 * gets an item whose label the budget could not take.
 * <p>
 * One transaction style: a lease step commits on its own whatever its caller has open. Without a budget it is the
 * lease statement alone in autocommit (no BEGIN or COMMIT round trip; a caller's transaction is suspended
 * meanwhile); with a budget a transaction of its own, for the budget lock and the count of live leases.
 * <p>
 * A budget far from spent needs no lock: a step that reads, in autocommit, that the budget less the live leases
 * still has room for {@link #lockFreeRoom} labels (what all of the instance's connections could lease at once:
 * pool size times the largest claim) leases as without a budget, taking the holdout line's position from that same
 * read. No set of concurrent steps can then lease past the budget, and claims do not queue behind label commits,
 * which hold the budget lock until their WAL flush. Near the end (less room than that) every step takes the lock.
 * With several instances the room could in theory be overrun by their sum; labels still never exceed the budget,
 * since every label post counts under the lock.
 */
@Component
class Leases {

    private final JdbcClient jdbc;
    private final LabelBudget budget;
    private final ItemQueries items;
    private final HoldoutLine line;
    private final TransactionTemplate ownTransaction;
    private final TransactionTemplate autocommit;
    private final long lockFreeRoom;

    Leases(JdbcClient jdbc, LabelBudget budget, ItemQueries items, HoldoutLine line, JdbcTransactions transactions,
            QueueSettings settings, @Value("${spring.datasource.hikari.maximum-pool-size:10}") int poolSize) {
        this.jdbc = jdbc;
        this.budget = budget;
        this.items = items;
        this.line = line;
        this.ownTransaction = transactions.requiresNew();
        this.autocommit = transactions.autocommit();
        this.lockFreeRoom = (long) poolSize * settings.maxClaim();
    }

    /**
     * What a claim may still hand out: holdout draws while a top-up can find any, and other entries
     * while fallbacks can add some. Once one kind is used up, the other fills its places.
     */
    static final class Mix {
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
    record Step(List<Leased> leased, boolean budgetExhausted, int drawsShort, int regularShort) {
    }

    /** A leased entry with its item; {@code drawSlot}: it filled a holdout draw's place. */
    record Leased(long itemId, int rank, int skips, double score, QueueReason reason, String prediction, Instant expiresAt,
            boolean drawSlot, ItemView item) {
    }

    /** One lease step of up to n items, committed on its own (see the class comment). */
    Step step(Project project, long userId, int n, Mix mix) {
        if (project.queue().budget() == null) {
            return autocommit.execute(status -> split(project, userId, n, mix, null));
        }
        return autocommit.execute(outside -> {
            BudgetRoom.Room room = BudgetRoom.read(jdbc, project.id());
            return room.left() >= lockFreeRoom ? split(project, userId, n, mix, room.line())
                    : ownTransaction.execute(status -> withinBudget(project, userId, n, mix));
        });
    }

    /**
     * Leases up to n items; live leases are reservations against the budget, counted under its lock.
     * The step commits asynchronously: a lease lost in a database crash only makes its item claimable
     * again, which a lease expiring does anyway, so no claim waits for (or holds the budget lock across)
     * a WAL flush. Labels, which must survive, commit synchronously.
     */
    private Step withinBudget(Project project, long userId, int n, Mix mix) {
        budget.acquire(project.id());
        BudgetRoom.Room room = BudgetRoom.read(jdbc, project.id());
        int wanted = (int) Math.min(n, room.left());
        if (wanted <= 0) {
            return new Step(List.of(), true, 0, 0);
        }
        return split(project, userId, wanted, mix, room.line());
    }

    /**
     * Leases n items: the holdout line's share of draws, the others from the ranked queue; {@code at}: the line's
     * position if the caller read it already (null: the lease statement reads it and applies the line's rule itself).
     */
    private Step split(Project project, long userId, int n, Mix mix, HoldoutLine.Position at) {
        double share = project.queue().holdoutFraction();
        Integer draws = !mix.drawsLeft || !mix.othersLeft || share <= 0 ? Integer.valueOf(0)
                : at == null ? null : Integer.valueOf(line.draws(project, n, at));
        Leasing got = lease(project.id(), userId, draws, share, n, !mix.othersLeft, mix.leaseFor);
        int drawsGot = (int) got.leased().stream().filter(Leased::drawSlot).count();
        return new Step(got.leased(), false, got.draws() - drawsGot, n - got.draws() - (got.leased().size() - drawsGot));
    }

    /** What the lease statement leased, and how many of the n places it gave holdout draws. */
    private record Leasing(List<Leased> leased, int draws) {
    }

    /**
     * One statement: it sets the transaction's commit to asynchronous (see {@link #withinBudget}),
     * takes the number of holdout draws among the n places (given, or by {@link HoldoutLine#DRAWS_SQL} on the
     * line's position, read in this statement), picks the first free holdout draws and the first free other entries
     * ({@code othersTakeDraws}: any entries), leases those whose item is still unlabeled and deletes the others, and
     * reads the leased items (the item module maps their columns: {@link ItemQueries#rowMapper}); with nothing
     * leased it answers one row that says only the number of draws. An entry waiting
     * for a further judgment ({@code overlap}, migration V17) is never handed to someone who judged its item.
     * Such stale entries come from a fallback insert or a queue refill that worked on a snapshot taken
     * before someone labeled the item; this statement's snapshot is newer and sees that label.
     */
    private Leasing lease(long projectId, long userId, Integer draws, double share, int n, boolean othersTakeDraws,
            Duration leaseFor) {
        Timestamp until = Timestamp.from(Instant.now().plus(leaseFor));
        RowMapper<ItemView> itemRow = items.rowMapper(projectId);
        int[] wanted = {0};
        List<Leased> leased = new ArrayList<>();
        jdbc.sql("""
                with async_commit as (select set_config('synchronous_commit', 'off', true)),
                wanted as (select coalesce(?::int, (%s)) as draws),
                picked_draws as (
                    select q.item_id, true as draw_slot,
                           not q.overlap and not exists (select 1 from unlabeled_items u where u.item_id = q.item_id) as labeled
                    from queue_entries q
                    where q.project_id = ? and q.holdout and (q.lease_expires_at is null or q.lease_expires_at < now())
                      and (not q.overlap or not exists (select 1 from judgments j where j.item_id = q.item_id and j.user_id = ?))
                    order by q.skips, q.rank
                    limit (select draws from wanted)
                    for update of q skip locked),
                picked_others as (
                    select q.item_id, false as draw_slot,
                           not q.overlap and not exists (select 1 from unlabeled_items u where u.item_id = q.item_id) as labeled
                    from queue_entries q
                    where q.project_id = ? and (not q.holdout or ?)
                      and (q.lease_expires_at is null or q.lease_expires_at < now())
                      and (not q.overlap or not exists (select 1 from judgments j where j.item_id = q.item_id and j.user_id = ?))
                    order by q.skips, q.rank
                    limit ? - (select draws from wanted)
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
                select w.draws as wanted_draws, l.*, i.*
                from wanted w left join (leased l join items i on i.id = l.leased_item) on true""".formatted(HoldoutLine.DRAWS_SQL))
                .params(draws, n, share, n, projectId, projectId, projectId, userId, projectId, othersTakeDraws, userId, n,
                        userId, until)
                .query(rs -> {
                    wanted[0] = rs.getInt("wanted_draws");
                    rs.getLong("leased_item");
                    if (!rs.wasNull()) {
                        leased.add(new Leased(rs.getLong("leased_item"), rs.getInt("leased_rank"), rs.getInt("leased_skips"),
                                rs.getDouble("leased_score"), QueueReason.valueOf(rs.getString("leased_reason")),
                                rs.getString("leased_prediction"), rs.getTimestamp("leased_until").toInstant(),
                                rs.getBoolean("leased_draw_slot"), itemRow.mapRow(rs, leased.size())));
                    }
                });
        return new Leasing(leased, wanted[0]);
    }

    /** Ends the user's lease on the item (one statement, autocommit like a lease without a budget). */
    void release(long itemId, long userId) {
        autocommit.executeWithoutResult(status -> jdbc.sql(
                "update queue_entries set lease_owner = null, lease_expires_at = null where item_id = ? and lease_owner = ?")
                .params(itemId, userId).update());
    }

    /** Whether the project has an entry nobody holds. */
    boolean anyFree(long projectId) {
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
