package io.labelloop.annotation;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Machine labels: kept apart from human labels (source AUTO), with their confidence and model version. */
@Service
public class AutoLabels {

    private final JdbcClient jdbc;

    AutoLabels(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
