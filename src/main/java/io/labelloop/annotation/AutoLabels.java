package io.labelloop.annotation;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Machine labels: kept apart from human labels (source AUTO), with their confidence and model version. */
@Service
public class AutoLabels {

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    AutoLabels(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    /**
     * Re-decides every machine label of the project's unlabeled items at once: the given items get
     * (or keep, updated) their machine label; machine labels of other items without a human label
     * are removed, since the newer model is no longer sure of them.
     */
    @Transactional
    public Replaced replaceAll(long projectId, int modelVersion, Decided decided) {
        return jdbcTemplate.execute((ConnectionCallback<Replaced>) con -> {
            try (var st = con.createStatement()) {
                st.execute("create temp table auto_stage (item_id bigint, label text, confidence float8) on commit drop");
            }
            try (var out = new java.io.BufferedWriter(new java.io.OutputStreamWriter(new PGCopyOutputStream(
                    con.unwrap(PGConnection.class), "copy auto_stage from stdin", 1 << 16), java.nio.charset.StandardCharsets.UTF_8))) {
                for (int i = 0; i < decided.size(); i++) {
                    out.write(decided.itemId(i) + "\t" + decided.label(i).replace("\\", "\\\\").replace("\t", "\\t")
                            .replace("\n", "\\n") + "\t" + decided.confidence(i) + "\n");
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            long removed;
            try (var ps = con.prepareStatement("""
                    delete from labels l where l.project_id = ? and l.source = 'AUTO'
                    and not exists (select 1 from auto_stage s where s.item_id = l.item_id)
                    and not exists (select 1 from labels h where h.item_id = l.item_id and h.source = 'HUMAN')""")) {
                ps.setLong(1, projectId);
                removed = ps.executeUpdate();
            }
            long written;
            try (var ps = con.prepareStatement("""
                    insert into labels (project_id, item_id, label, source, confidence, model_version)
                    select ?, item_id, label, 'AUTO', confidence, ? from auto_stage
                    on conflict (item_id) where source = 'AUTO'
                    do update set label = excluded.label, confidence = excluded.confidence,
                                  model_version = excluded.model_version, updated_at = now()""")) {
                ps.setLong(1, projectId);
                ps.setInt(2, modelVersion);
                written = ps.executeUpdate();
            }
            return new Replaced(written, removed);
        });
    }

    /** What {@link #replaceAll} changed: machine labels written (new or updated) and withdrawn. */
    public record Replaced(long written, long removed) {
    }

    /** Machine labels decided in one pass, indexed 0..size-1. */
    public interface Decided {
        int size();

        long itemId(int i);

        String label(int i);

        double confidence(int i);
    }

    /** Records (or re-decides) the model's label of an item; a human label on the item always wins elsewhere. */
    @Transactional
    public void record(long projectId, long itemId, String label, double confidence, int modelVersion) {
        jdbc.sql("""
                insert into labels (project_id, item_id, label, source, confidence, model_version)
                values (?, ?, ?, 'AUTO', ?, ?)
                on conflict (item_id) where source = 'AUTO'
                do update set label = excluded.label, confidence = excluded.confidence,
                              model_version = excluded.model_version, updated_at = now()""")
                .params(projectId, itemId, label, confidence, modelVersion).update();
    }
}
