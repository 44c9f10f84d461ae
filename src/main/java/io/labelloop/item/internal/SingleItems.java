package io.labelloop.item.internal;

import io.labelloop.item.ItemIntake.Stored;
import io.labelloop.item.UploadSettings;
import io.labelloop.project.Project;
import io.labelloop.shared.ApiException;
import java.util.HashSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** The single-item path of ingest: one validated row, inserted unless its externalId is stored. */
@Component
public class SingleItems {

    private final JdbcClient jdbc;
    private final UploadSettings settings;
    private final FeatureSchemaStore schemas;

    SingleItems(JdbcClient jdbc, UploadSettings settings, FeatureSchemaStore schemas) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.schemas = schemas;
    }

    /** The stored item; a 422 naming the field at fault for an item the upload would reject. */
    public Stored store(Project project, JsonNode node) {
        UploadRecord record = JsonItemMapper.toRecord(node, 1);
        FeatureSchema schema = new FeatureSchema(schemas.load(project.id()));
        RowCheck checked = new RowValidator(project.taskType(), new HashSet<>(project.labels()), schema,
                settings.maxImageSize().toBytes()).check(record);
        if (!(checked instanceof StagedRow row)) {
            RowCheck.Refused refused = (RowCheck.Refused) checked;
            throw ApiException.invalid(refused.field(), refused.error());
        }
        if (schema.grew()) {
            schemas.lockUploads(project.id());
            schemas.save(project.id(), schema.names());
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
}
