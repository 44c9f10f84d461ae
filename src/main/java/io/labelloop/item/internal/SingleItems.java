package io.labelloop.item.internal;

import io.labelloop.item.ItemIntake.Stored;
import io.labelloop.item.UploadSettings;
import io.labelloop.project.Project;
import java.sql.Array;
import java.util.HashSet;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** The single-item path of ingest: one validated row, inserted unless its externalId is stored. */
@Component
public class SingleItems {

    private static final int UPLOAD_LOCK_CLASS = 0x4C4C_0001;

    private final JdbcClient jdbc;
    private final UploadSettings settings;

    SingleItems(JdbcClient jdbc, UploadSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** A {@link Stored} item or a {@link io.labelloop.item.UploadReport.Rejection}. */
    public Object store(Project project, JsonNode node) {
        UploadRecord record = JsonItemMapper.toRecord(node, 1);
        List<String> names = schema(project.id());
        FeatureSchema schema = new FeatureSchema(names);
        Object checked = new RowValidator(project.taskType(), new HashSet<>(project.labels()), schema,
                settings.maxImageSize().toBytes()).check(record);
        if (!(checked instanceof StagedRow row)) {
            return checked;
        }
        if (schema.grew()) {
            jdbc.sql("select pg_advisory_xact_lock(?, ?)").params(UPLOAD_LOCK_CLASS, Math.toIntExact(project.id())).query().listOfRows();
            jdbc.sql("""
                    insert into item_feature_schemas (project_id, feature_names) values (?, ?::text[])
                    on conflict (project_id) do update set feature_names = excluded.feature_names
                    where cardinality(item_feature_schemas.feature_names) < cardinality(excluded.feature_names)""")
                    .params(project.id(), "{" + String.join(",", schema.names().stream().map(SingleItems::quote).toList()) + "}")
                    .update();
        }
        var created = jdbc.sql("""
                insert into items (project_id, external_id, text, features, metadata, imported_label, has_image)
                values (?, ?, ?, ?, ?::jsonb, ?, ?)
                on conflict (project_id, external_id) do nothing returning id""")
                .params(project.id(), row.externalId(), row.text(), row.features(), row.metadataJson(), row.label(),
                        row.image() != null)
                .query(Long.class).optional();
        if (created.isPresent()) {
            if (row.image() != null) {
                jdbc.sql("insert into item_images (item_id, content_type, data) values (?, ?, ?)")
                        .params(created.get(), row.imageType(), row.image()).update();
            }
            return new Stored(created.get(), row.externalId(), true);
        }
        long existing = jdbc.sql("select id from items where project_id = ? and external_id = ?")
                .params(project.id(), row.externalId()).query(Long.class).single();
        return new Stored(existing, row.externalId(), false);
    }

    private List<String> schema(long projectId) {
        return jdbc.sql("select feature_names from item_feature_schemas where project_id = ?")
                .param(projectId)
                .query((rs, n) -> {
                    Array a = rs.getArray(1);
                    return List.of((String[]) a.getArray());
                })
                .optional().orElse(List.of());
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
