package io.labelloop.export.internal;

import io.labelloop.item.ItemQueries;
import io.labelloop.item.ItemView;
import io.labelloop.project.Project;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A project as Label Studio's JSON tasks, streamed: every item (labeled or not, so that the project moves whole),
 * {@code data.externalId} with {@code data.text}, {@code data.image} (a {@code data:} URI) or {@code data.features},
 * and the item's final label (human, else imported, else the model's) as one annotation whose result is a
 * {@code choices} value from {@code label} to the item's field. {@code meta} carries the item's metadata and, under
 * {@code labelloop}, where the label came from. Label Studio's labeling config to use is in {@code docs/interop.md}.
 */
@Component
public class LabelStudioExport {

    private final JdbcTemplate jdbc;
    private final ItemQueries items;
    private final JsonMapper mapper;

    LabelStudioExport(JdbcTemplate jdbc, ItemQueries items, JsonMapper mapper) {
        this.jdbc = jdbc;
        this.items = items;
        this.mapper = mapper;
    }

    public void write(Project project, List<String> sources, boolean synthetic, Writer out, Runnable perRow) {
        String field = switch (project.taskType()) {
            case TEXT -> "text";
            case IMAGE -> "image";
            case TABULAR -> "features";
        };
        RowMapper<ItemView> rows = items.rowMapper(project.id());
        jdbc.execute((ConnectionCallback<Void>) con -> {
            try (PreparedStatement ps = con.prepareStatement("""
                    select i.*, l.label as ls_label, l.source as ls_source, l.annotator as ls_annotator,
                           l.labeled_at as ls_labeled_at, l.confidence as ls_confidence,
                           m.content_type as ls_image_type, m.data as ls_image
                    from items i
                    left join lateral (
                        select x.label, x.source, x.annotator, x.labeled_at, x.confidence from labeled_items x
                        where x.item_id = i.id and x.project_id = i.project_id and x.source = any (?)
                        order by case x.source when 'AUTO' then 2 when 'IMPORTED' then 1 else 0 end
                        limit 1) l on true
                    left join item_images m on m.item_id = i.id
                    where i.project_id = ? and (? or not i.synthetic)
                    order by i.id""")) {
                ps.setFetchSize(1000);
                ps.setArray(1, con.createArrayOf("text", sources.toArray()));
                ps.setLong(2, project.id());
                ps.setBoolean(3, synthetic);
                out.write("[");
                boolean first = true;
                try (ResultSet rs = ps.executeQuery()) {
                    int n = 0;
                    while (rs.next()) {
                        out.write(first ? "\n" : ",\n");
                        first = false;
                        out.write(mapper.writeValueAsString(task(rows.mapRow(rs, n++), rs, field)));
                        perRow.run();
                    }
                }
                out.write("\n]\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
    }

    private ObjectNode task(ItemView item, ResultSet rs, String field) throws java.sql.SQLException {
        ObjectNode task = mapper.createObjectNode();
        task.put("id", item.id());
        ObjectNode data = task.putObject("data");
        data.put("externalId", item.externalId());
        if (item.text() != null) {
            data.put("text", item.text());
        }
        byte[] image = rs.getBytes("ls_image");
        if (image != null) {
            data.put("image", "data:" + rs.getString("ls_image_type") + ";base64," + Base64.getEncoder().encodeToString(image));
        }
        if (item.features() != null) {
            ObjectNode features = data.putObject("features");
            item.features().forEach((k, v) -> {
                if (v == null || v.isNaN()) {
                    features.putNull(k);
                } else {
                    features.put(k, v);
                }
            });
        }
        ArrayNode annotations = task.putArray("annotations");
        String label = rs.getString("ls_label");
        ObjectNode meta = task.putObject("meta");
        if (item.metadata() != null) {
            meta.setAll((ObjectNode) mapper.valueToTree(item.metadata()));
        }
        if (label != null) {
            ObjectNode annotation = annotations.addObject();
            ObjectNode result = annotation.putArray("result").addObject();
            result.put("from_name", "label");
            result.put("to_name", image != null || item.text() == null && item.features() == null ? "image" : field);
            result.put("type", "choices");
            result.putObject("value").putArray("choices").add(label);
            var at = rs.getTimestamp("ls_labeled_at");
            if (at != null) {
                annotation.put("created_at", at.toInstant().toString());
            }
            annotation.put("was_cancelled", false);
            annotation.put("ground_truth", false);
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("source", rs.getString("ls_source"));
            source.put("annotator", rs.getString("ls_annotator"));
            double confidence = rs.getDouble("ls_confidence");
            source.put("confidence", rs.wasNull() ? null : confidence);
            meta.set("labelloop", mapper.valueToTree(source));
        }
        return task;
    }
}
