package io.labelloop.export.internal;

import io.labelloop.project.Project;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an export: every labeled item with the source of its label (HUMAN, CONSENSUS, REVIEWED, IMPORTED, AUTO)
 * and its judgments (JSON lines: a list of annotator and label; CSV: {@code annotator:label} joined by {@code ;})
 * (CSV, JSON lines) or every item as Label
 * Studio tasks, rows streaming from a database cursor to the writer, whether that is a response or a job's file.
 */
@Component
public class ExportWriter {

    private static final List<String> COLUMNS = List.of("externalId", "label", "source", "confidence", "annotator",
            "labeledAt", "synthetic", "judgments");
    private static final TypeReference<List<Map<String, String>>> JUDGMENTS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final JsonMapper mapper;
    private final LabelStudioExport labelStudio;

    ExportWriter(JdbcTemplate jdbc, JsonMapper mapper, LabelStudioExport labelStudio) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.labelStudio = labelStudio;
    }

    /** How many rows the export will have (for a job's progress). */
    public long rows(Project project, ExportRequest request) {
        if (request.format().equals("labelstudio")) {
            return jdbc.queryForObject("select count(*) from items where project_id = ? and (? or not synthetic)",
                    Long.class, project.id(), request.synthetic());
        }
        return jdbc.queryForObject("""
                select count(*) from labeled_items where project_id = ? and source = any(?::text[]) and (? or not synthetic)""",
                Long.class, project.id(), "{" + String.join(",", request.sources()) + "}", request.synthetic());
    }

    /** Writes the export; {@code perRow} runs after each row. The caller flushes. */
    public void write(Project project, ExportRequest request, Writer out, Runnable perRow) throws IOException {
        if (request.format().equals("labelstudio")) {
            labelStudio.write(project, request.sources(), request.synthetic(), out, perRow);
            return;
        }
        CSVPrinter csv = request.format().equals("csv")
                ? new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(String[]::new)).get()) : null;
        jdbc.execute((ConnectionCallback<Void>) con -> {
            try (PreparedStatement ps = con.prepareStatement("""
                    select item_id, external_id, label, source, confidence, annotator, labeled_at, synthetic, judgments::text
                    from labeled_items
                    where project_id = ? and source = any(?) and (? or not synthetic)
                    order by item_id, source""")) {
                ps.setFetchSize(5000);
                ps.setLong(1, project.id());
                ps.setArray(2, con.createArrayOf("text", request.sources().toArray()));
                ps.setBoolean(3, request.synthetic());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        double confidence = rs.getDouble(5);
                        Object conf = rs.wasNull() ? null : confidence;
                        String judgmentsJson = rs.getString(9);
                        List<Map<String, String>> judgments = judgmentsJson == null ? null
                                : mapper.readValue(judgmentsJson, JUDGMENTS);
                        Object[] row = {rs.getString(2), rs.getString(3), rs.getString(4), conf, rs.getString(6),
                                rs.getTimestamp(7).toInstant().toString(), rs.getBoolean(8),
                                csv == null ? judgments : judgments == null ? null
                                        : String.join(";", judgments.stream()
                                                .map(j -> j.get("annotator") + ":" + j.get("label")).toList())};
                        if (csv != null) {
                            csv.printRecord(row);
                        } else {
                            Map<String, Object> json = new LinkedHashMap<>();
                            for (int i = 0; i < COLUMNS.size(); i++) {
                                json.put(COLUMNS.get(i), row[i]);
                            }
                            out.write(mapper.writeValueAsString(json));
                            out.write('\n');
                        }
                        perRow.run();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
    }
}
