package io.labelloop.queue.internal;

import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The smallest and largest item id of each project, which fallbacks and holdout draws pick from.
 * Reading them scans the project's items, so they are read once; after {@link #FRESH_NANOS} the
 * largest is checked again from the ids above it only (uploads get new, larger ids), so an upload's
 * items are drawn from within seconds. Deleted items only make the range wider than needed.
 */
@Component
class ProjectIdRanges {

    private static final long FRESH_NANOS = 2_000_000_000L;

    private final JdbcClient jdbc;
    private final Map<Long, Range> ranges = PerProject.map();

    ProjectIdRanges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** {min, max}; {0, 0} for a project without items. */
    long[] of(long projectId) {
        long now = System.nanoTime();
        Range r = ranges.get(projectId);
        if (r == null || r.bounds()[1] == 0) {
            r = new Range(jdbc.sql("select coalesce(min(id), 0), coalesce(max(id), 0) from items where project_id = ?")
                    .param(projectId).query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).single(), now);
            ranges.put(projectId, r);
        } else if (now - r.readAt() > FRESH_NANOS) {
            long[] old = r.bounds();
            long max = jdbc.sql("select coalesce(max(id), ?) from items where id > ? and project_id = ?")
                    .params(old[1], old[1], projectId).query(Long.class).single();
            r = new Range(new long[] {old[0], max}, now);
            ranges.put(projectId, r);
        }
        return r.bounds();
    }

    /** Reads the range again next time (nothing was found in it: new uploads may have widened it). */
    void forget(long projectId) {
        ranges.remove(projectId);
    }

    private record Range(long[] bounds, long readAt) {
    }
}
