package io.labelloop.export.web;

import io.labelloop.project.Project;
import io.labelloop.project.ProjectAccess;
import io.labelloop.security.AuthenticatedUser;
import io.labelloop.shared.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams every labeled item of a project: externalId, label, source (HUMAN, CONSENSUS, REVIEWED, IMPORTED,
 * AUTO), confidence, annotator, labeledAt, synthetic, judgments (JSONL: a list of annotator and label; CSV:
 * {@code annotator:label} joined by {@code ;}). Filters: {@code source} (e.g. HUMAN for human labels
 * only) and {@code synthetic=false}. Rows stream from a database cursor straight to the response.
 */
@RestController
@Tag(name = "Export")
class ExportController {

    private static final List<String> COLUMNS = List.of("externalId", "label", "source", "confidence", "annotator",
            "labeledAt", "synthetic", "judgments");
    private static final Set<String> SOURCES = Set.of("HUMAN", "CONSENSUS", "REVIEWED", "IMPORTED", "AUTO");
    private static final tools.jackson.core.type.TypeReference<List<Map<String, String>>> JUDGMENTS = new tools.jackson.core.type.TypeReference<>() {
    };

    private final ProjectAccess access;
    private final JdbcTemplate jdbc;
    private final JsonMapper mapper;

    private final LabelStudioExport labelStudio;

    ExportController(ProjectAccess access, JdbcTemplate jdbc, JsonMapper mapper, LabelStudioExport labelStudio) {
        this.labelStudio = labelStudio;
        this.access = access;
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    @GetMapping("/api/v1/projects/{id}/export")
    @Operation(summary = "Streamed download of every labeled item with the source of its label (format=csv|jsonl), "
            + "or every item as Label Studio JSON tasks with its label as an annotation (format=labelstudio)")
    @Transactional(readOnly = true)
    void export(@PathVariable long id, @RequestParam(defaultValue = "csv") String format,
            @RequestParam(required = false) List<String> source, @RequestParam(defaultValue = "true") boolean synthetic,
            @AuthenticationPrincipal AuthenticatedUser me, HttpServletResponse response) throws IOException {
        Project project = access.requireManage(id, me);
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!fmt.equals("csv") && !fmt.equals("jsonl") && !fmt.equals("labelstudio")) {
            throw ApiException.invalid("format", "must be csv, jsonl or labelstudio");
        }
        List<String> asked = source == null || source.isEmpty() ? List.copyOf(SOURCES)
                : source.stream().flatMap(s -> Arrays.stream(s.split(","))).map(s -> s.trim().toUpperCase(Locale.ROOT)).toList();
        if (!SOURCES.containsAll(asked)) {
            throw ApiException.invalid("source", "must be HUMAN, CONSENSUS, REVIEWED, IMPORTED or AUTO");
        }
        // human labels: also those decided from several judgments or by a reviewer
        List<String> sources = !asked.contains("HUMAN") ? asked
                : java.util.stream.Stream.concat(asked.stream(), java.util.stream.Stream.of("CONSENSUS", "REVIEWED")).distinct().toList();
        if (fmt.equals("labelstudio")) {
            response.setContentType("application/json;charset=UTF-8");
            response.setHeader("Content-Disposition", "attachment; filename=\"project-" + project.id() + "-labelstudio.json\"");
            Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), 1 << 16);
            labelStudio.write(project, sources, synthetic, out);
            out.flush();
            return;
        }
        response.setContentType(fmt.equals("csv") ? "text/csv;charset=UTF-8" : "application/x-ndjson;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"project-" + project.id() + "-labels." + fmt + "\"");
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), 1 << 16);
        CSVPrinter csv = fmt.equals("csv") ? new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(String[]::new)).get()) : null;
        jdbc.execute((ConnectionCallback<Void>) con -> {
            try (PreparedStatement ps = con.prepareStatement("""
                    select item_id, external_id, label, source, confidence, annotator, labeled_at, synthetic, judgments::text
                    from labeled_items
                    where project_id = ? and source = any(?) and (? or not synthetic)
                    order by item_id, source""")) {
                ps.setFetchSize(5000);
                ps.setLong(1, project.id());
                ps.setArray(2, con.createArrayOf("text", sources.toArray()));
                ps.setBoolean(3, synthetic);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        double confidence = rs.getDouble(5);
                        Object conf = rs.wasNull() ? null : confidence;
                        String judgmentsJson = rs.getString(9);
                        List<Map<String, String>> judgments = judgmentsJson == null ? null : mapper.readValue(judgmentsJson, JUDGMENTS);
                        Object[] row = {rs.getString(2), rs.getString(3), rs.getString(4), conf, rs.getString(6),
                                rs.getTimestamp(7).toInstant().toString(), rs.getBoolean(8),
                                csv == null ? judgments : judgments == null ? null
                                        : String.join(";", judgments.stream().map(j -> j.get("annotator") + ":" + j.get("label")).toList())};
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
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return null;
        });
        out.flush();
    }
}
