package io.labelloop.export.internal;

import io.labelloop.shared.ApiException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** What an export writes: the format ({@code csv}, {@code jsonl}, {@code labelstudio}), label sources, synthetic items. */
public record ExportRequest(String format, List<String> sources, boolean synthetic) {
    private static final Set<String> FORMATS = Set.of("csv", "jsonl", "labelstudio");
    static final List<String> SOURCES = List.of("HUMAN", "CONSENSUS", "REVIEWED", "IMPORTED", "AUTO");

    /** Validated from request parameters; 422 naming the field otherwise. */
    public static ExportRequest of(String format, List<String> source, boolean synthetic) {
        String fmt = format == null ? "csv" : format.toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(fmt)) {
            throw ApiException.invalid("format", "must be csv, jsonl or labelstudio");
        }
        List<String> asked = source == null || source.isEmpty() ? SOURCES
                : source.stream().flatMap(s -> Arrays.stream(s.split(","))).map(s -> s.trim().toUpperCase(Locale.ROOT)).toList();
        if (!SOURCES.containsAll(asked)) {
            throw ApiException.invalid("source", "must be HUMAN, CONSENSUS, REVIEWED, IMPORTED or AUTO");
        }
        // human labels: also those decided from several judgments or by a reviewer
        List<String> sources = !asked.contains("HUMAN") ? asked
                : Stream.concat(asked.stream(), Stream.of("CONSENSUS", "REVIEWED")).distinct().toList();
        return new ExportRequest(fmt, sources, synthetic);
    }

    public String contentType() {
        return switch (format) {
            case "csv" -> "text/csv;charset=UTF-8";
            case "jsonl" -> "application/x-ndjson;charset=UTF-8";
            default -> "application/json;charset=UTF-8";
        };
    }

    public String fileName(long projectId) {
        return format.equals("labelstudio") ? "project-" + projectId + "-labelstudio.json"
                : "project-" + projectId + "-labels." + format;
    }
}
