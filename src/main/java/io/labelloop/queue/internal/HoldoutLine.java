package io.labelloop.queue.internal;

import io.labelloop.project.Project;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Decides how many of the items a claim hands out are holdout draws, whatever path they come by
 * (a cycle's ranked batch, cold-start seeds, fallbacks): each next hand-out is a holdout draw while
 * the holdout is below {@code holdoutFraction} of the human labels asked for, counting human labels
 * and the items under a live lease (which are about to be labeled). Counting labels, not hand-outs,
 * corrects itself: leases that expire unlabeled and labels posted without a claim move the line too.
 * The draws themselves are uniform random pool items ({@link HoldoutStock}), never the strategy's picks.
 */
@Component
class HoldoutLine {

    /** Guards the ceiling against sums like 0.3 * 10 = 3.0000000000000004. */
    private static final double EPSILON = 1e-9;

    private final JdbcClient jdbc;

    HoldoutLine(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The line's position as two one-row tables for a FROM clause, each with the project id as its parameter:
     * {@code s} (spent: human labels, held: holdout labels among them; null before any) and {@code q} (leased: items
     * under a live lease, leased_draws: holdout draws among them). label_spend is kept by the label triggers
     * (R__label_spend.sql): a sum over a few rows, not a count of labels.
     */
    static final String POSITION_SQL = """
            (select sum(spent) as spent, sum(held_out) as held from label_spend where project_id = ?) s,
                 (select count(*) as leased, count(*) filter (where holdout) as leased_draws
                  from queue_entries where project_id = ? and lease_expires_at >= now()) q""";

    /**
     * {@link #split} on the line's position, in SQL for a statement that reads the position in its own snapshot: a
     * scalar subquery whose parameters are n, the share, n, the project id and the project id, in this order.
     */
    static final String DRAWS_SQL = """
            select greatest(0, least(?, ceil(?::float8 * (coalesce(s.spent, 0) + q.leased + ?)::float8 - 1e-9::float8)::bigint
                                        - coalesce(s.held, 0) - q.leased_draws))::int
            from\s""" + POSITION_SQL;

    /** Of n items about to be handed out, how many should be holdout draws. */
    int draws(Project project, int n) {
        if (project.queue().holdoutFraction() <= 0 || n <= 0) {
            return 0;
        }
        return jdbc.sql(DRAWS_SQL).params(n, project.queue().holdoutFraction(), n, project.id(), project.id())
                .query(Integer.class).single();
    }

    /** As {@link #draws(Project, int)}, with the line's position read by the caller (under the budget lock, with the budget). */
    int draws(Project project, int n, Position at) {
        double share = project.queue().holdoutFraction();
        if (share <= 0 || n <= 0) {
            return 0;
        }
        return split(share, at.asked(), at.held(), n);
    }

    /** Where the line stands: human labels asked for (spent, plus items under a live lease) and holdout ones among them. */
    record Position(long asked, long held) {
    }

    /**
     * The rule applied to n hand-outs in a row: a hand-out is a holdout draw while
     * {@code held < share * (asked + 1)}, so after them the holdout holds {@code ceil(share * (asked + n))}
     * (or more, if it already did). The first hand-out of a project is a draw, as on the stream.
     */
    static int split(double share, long asked, long held, int n) {
        long target = (long) Math.ceil(share * (asked + n) - EPSILON);
        return (int) Math.max(0, Math.min(n, target - held));
    }

    /**
     * The claim's items in the order annotators see them: the others in their order, the holdout
     * draws spread evenly through them, so that an annotator who stops halfway through a claim
     * leaves as large a share of draws unlabeled as of the others.
     */
    static <T> List<T> spread(List<T> others, List<T> draws) {
        List<T> out = new ArrayList<>(others);
        int total = others.size() + draws.size();
        for (int h = 0; h < draws.size(); h++) {
            int at = (int) ((2L * h + 1) * total / (2L * draws.size()));
            out.add(Math.min(at, out.size()), draws.get(h));
        }
        return out;
    }
}
