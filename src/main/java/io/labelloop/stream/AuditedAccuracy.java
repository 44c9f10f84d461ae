package io.labelloop.stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The realized accuracy of machine labels, measured on the random audit sample: auto-labeled
 * items that a human also labeled. Reported with a 95% Wilson score interval.
 */
@Service
public class AuditedAccuracy {

    private final JdbcClient jdbc;

    AuditedAccuracy(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Audit of(long projectId) {
        return jdbc.sql("""
                select count(*), count(*) filter (where h.label = d.label) from stream_decisions d
                join labels h on h.item_id = d.item_id and h.source = 'HUMAN'
                where d.project_id = ? and d.audit""")
                .param(projectId)
                .query((rs, n) -> Audit.of(rs.getLong(1), rs.getLong(2)))
                .single();
    }

    /** Audited items, how many the machine got right, the accuracy and its 95% interval (nulls when none). */
    public record Audit(long audited, long agreed, Double accuracy, Double low95, Double high95) {

        static Audit of(long n, long k) {
            if (n == 0) {
                return new Audit(0, 0, null, null, null);
            }
            double z = 1.959964;
            double p = (double) k / n;
            double denominator = 1 + z * z / n;
            double centre = (p + z * z / (2 * n)) / denominator;
            double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / denominator;
            return new Audit(n, k, p, Math.max(0, centre - half), Math.min(1, centre + half));
        }
    }
}
