package io.labelloop.annotation.internal;

import io.labelloop.shared.CachedReading;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Budget use for Prometheus over the projects that have a budget (no project tag, as for the queue): the budget
 * units they hold, the units spent (human labels and judgments, capped at each project's budget), and how many of
 * them have spent it all. Read at most every {@link CachedReading#FRESH_FOR}.
 */
@Component
class BudgetMeters {

    private record Use(long limit, long spent, long exhausted) {
    }

    BudgetMeters(JdbcClient jdbc, MeterRegistry registry) {
        var use = new CachedReading<>(() -> jdbc.sql("""
                select coalesce(sum(p.budget), 0), coalesce(sum(least(coalesce(s.spent, 0), p.budget)), 0),
                       count(*) filter (where coalesce(s.spent, 0) >= p.budget)
                from projects p
                left join (select project_id, sum(spent) spent from label_spend group by project_id) s on s.project_id = p.id
                where p.budget is not null""")
                .query((rs, n) -> new Use(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single());
        Gauge.builder("labelloop.budget.limit", use, u -> u.get().limit())
                .description("Sum of the budgets of projects with a budget").strongReference(true).register(registry);
        Gauge.builder("labelloop.budget.spent", use, u -> u.get().spent())
                .description("Budget units spent in projects with a budget").strongReference(true).register(registry);
        Gauge.builder("labelloop.budget.exhausted.projects", use, u -> u.get().exhausted())
                .description("Projects whose budget is spent").strongReference(true).register(registry);
    }
}
