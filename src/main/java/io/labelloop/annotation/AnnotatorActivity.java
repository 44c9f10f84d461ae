package io.labelloop.annotation;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What each annotator of a project did (the dashboard's per-annotator table): labels they hold now (human
 * labels and, in projects where several judge an item, judgments), skips, and labels per hour of active time.
 * Active time is the sum of the gaps between an annotator's consecutive actions (labels given or changed,
 * skips) that are at most {@link #BREAK_SECONDS} seconds long: a longer gap is a break, so a day away does not dilute the rate.
 * The rate counts label actions (a changed label counts again), so a rate over active time is what a lead
 * plans with.
 */
@Component
public class AnnotatorActivity {

    /** A gap between two actions longer than this is a break, not labeling time. */
    public static final int BREAK_SECONDS = 300;

    private final JdbcClient jdbc;

    AnnotatorActivity(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One annotator's figures. {@code labelsPerHour} is null while their active time is under a minute (one
     * action, or actions far apart): a rate from seconds would mislead.
     */
    public record Annotator(String username, long labels, long skips, long actions, long activeSeconds, Double labelsPerHour) {
    }

    /** Everyone who labeled or skipped in the project, most labels first. */
    public List<Annotator> of(long projectId) {
        return jdbc.sql("""
                with held as (
                    select user_id, count(*) as n from labels
                    where project_id = :project and source = 'HUMAN' and not from_judgments and user_id is not null group by user_id
                    union all
                    select user_id, count(*) from judgments where project_id = :project group by user_id),
                skipped as (select user_id, count(*) as n from label_skips where project_id = :project group by user_id),
                actions as (
                    select user_id, at, 1 as labeled from label_events
                    where project_id = :project and action in ('LABELED', 'CHANGED') and user_id is not null
                    union all
                    select user_id, skipped_at, 0 from label_skips where project_id = :project),
                gaps as (
                    select user_id, labeled, extract(epoch from at - lag(at) over (partition by user_id order by at)) as gap
                    from actions),
                active as (
                    select user_id, sum(labeled) as actions,
                           coalesce(sum(gap) filter (where gap <= :breakSeconds), 0) as seconds
                    from gaps group by user_id),
                who as (select user_id from held union select user_id from skipped)
                select u.username,
                       coalesce((select sum(n) from held h where h.user_id = w.user_id), 0) as labels,
                       coalesce((select n from skipped s where s.user_id = w.user_id), 0) as skips,
                       coalesce(a.actions, 0) as actions, coalesce(a.seconds, 0) as seconds
                from who w join users u on u.id = w.user_id left join active a on a.user_id = w.user_id
                order by labels desc, u.username""")
                .param("project", projectId).param("breakSeconds", BREAK_SECONDS)
                .query((rs, n) -> {
                    long actions = rs.getLong("actions");
                    long seconds = Math.round(rs.getDouble("seconds"));
                    Double rate = seconds < 60 ? null : actions * 3600.0 / seconds;
                    return new Annotator(rs.getString("username"), rs.getLong("labels"), rs.getLong("skips"), actions, seconds, rate);
                })
                .list();
    }
}
