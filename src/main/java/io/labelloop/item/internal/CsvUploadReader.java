package io.labelloop.item.internal;

import io.labelloop.learning.TaskType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * RFC 4180 CSV with a header row: {@code externalId} (or {@code id}), then {@code text} for text
 * items or one numeric column per feature, an optional {@code label}, {@code image} (base64) and
 * {@code metadata} (a JSON object). Other columns of a text project become metadata.
 * Quoted fields may hold commas and newlines; a record's line is the line where it starts.
 */
class CsvUploadReader implements UploadReader {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(false)
            .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
            .get();

    private final TaskType taskType;
    private final JsonMapper mapper;

    CsvUploadReader(TaskType taskType, JsonMapper mapper) {
        this.taskType = taskType;
        this.mapper = mapper;
    }

    @Override
    public void read(InputStream body, Consumer<UploadRecord> sink) throws IOException {
        var reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16);
        CSVParser parser;
        try {
            parser = FORMAT.parse(skipBom(reader));
        } catch (IllegalArgumentException | UncheckedIOException | CSVException e) {
            throw new UploadParseException("the CSV header cannot be read: " + e.getMessage());
        }
        if (parser.getHeaderNames().isEmpty()) {
            throw new UploadParseException("the CSV body is empty: a header row is required");
        }
        Columns columns = Columns.of(parser.getHeaderNames(), taskType, mapper);
        long previousEnd = parser.getCurrentLineNumber();
        Iterator<CSVRecord> records = parser.iterator();
        while (true) {
            CSVRecord record;
            try {
                if (!records.hasNext()) {
                    break;
                }
                record = records.next();
            } catch (UncheckedIOException | IllegalStateException e) {
                throw new UploadParseException("the CSV body is malformed after line " + previousEnd + ": "
                        + rootMessage(e));
            }
            long line = previousEnd + 1;
            previousEnd = parser.getCurrentLineNumber();
            if (record.size() == 1 && record.get(0).isEmpty()) {
                continue; // a blank line
            }
            sink.accept(columns.toRecord(record, line));
        }
    }

    private static BufferedReader skipBom(BufferedReader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** Where each known column sits in a record. */
    private record Columns(int size, int externalId, int text, int label, int image, int metadata,
            String[] featureNames, int[] featureIndexes, String[] metadataNames, int[] metadataIndexes,
            JsonMapper mapper) {

        static Columns of(List<String> header, TaskType taskType, JsonMapper mapper) {
            int externalId = indexOf(header, "externalid");
            if (externalId < 0) {
                externalId = indexOf(header, "id");
            }
            if (externalId < 0) {
                throw new UploadParseException("the CSV header needs an 'externalId' column");
            }
            int text = indexOf(header, "text");
            int label = indexOf(header, "label");
            int image = indexOf(header, "image");
            int metadata = indexOf(header, "metadata");
            List<Integer> rest = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                if (i != externalId && i != text && i != label && i != image && i != metadata) {
                    rest.add(i);
                }
            }
            String[] restNames = rest.stream().map(header::get).toArray(String[]::new);
            int[] restIndexes = rest.stream().mapToInt(Integer::intValue).toArray();
            checkShape(header, taskType, text >= 0, image >= 0 || restNames.length > 0);
            if (taskType == TaskType.TEXT) {
                return new Columns(header.size(), externalId, text, label, image, metadata, null, null, restNames, restIndexes,
                        mapper);
            }
            return new Columns(header.size(), externalId, text, label, image, metadata, restNames, restIndexes, null, null,
                    mapper);
        }

        /**
         * A file of the wrong shape for the project is refused as a whole, naming what is missing,
         * rather than reported as the same rejection on every row.
         */
        private static void checkShape(List<String> header, TaskType taskType, boolean hasText, boolean hasContent) {
            String needs = switch (taskType) {
                case TEXT -> hasText ? null : "a 'text' column";
                case TABULAR -> hasContent ? null : "one numeric column per feature";
                case IMAGE -> hasContent ? null : "an 'image' column (base64 PNG or JPEG) or one column per pixel";
            };
            if (needs != null) {
                String shown = String.join(", ", header.subList(0, Math.min(8, header.size())));
                throw new UploadParseException("the CSV file does not fit this " + taskType + " project: it needs " + needs
                        + ", and the header has " + shown + (header.size() > 8 ? ", … (" + header.size() + " columns)" : ""));
            }
        }

        private static int indexOf(List<String> header, String name) {
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).trim().toLowerCase(Locale.ROOT).equals(name)) {
                    return i;
                }
            }
            return -1;
        }

        UploadRecord toRecord(CSVRecord r, long line) {
            String id = r.size() > externalId ? r.get(externalId) : null;
            if (r.size() != size) {
                return UploadRecord.unusable(line, id, "expected " + size + " columns, found " + r.size());
            }
            String[] values = null;
            if (featureIndexes != null && featureIndexes.length > 0) {
                values = new String[featureIndexes.length];
                for (int i = 0; i < values.length; i++) {
                    String v = r.get(featureIndexes[i]);
                    values[i] = v.isBlank() ? null : v;
                }
            }
            String metadataJson;
            try {
                metadataJson = metadataJson(r);
            } catch (InvalidMetadataException e) {
                return UploadRecord.unusable(line, id, "metadata", "metadata must be a JSON object");
            }
            return new UploadRecord(line, id, cell(r, text), values == null ? null : featureNames, values,
                    cell(r, image), cell(r, label), metadataJson);
        }

        private String metadataJson(CSVRecord r) {
            if (metadata >= 0 && !r.get(metadata).isBlank()) {
                try {
                    var node = mapper.readTree(r.get(metadata));
                    if (node.isObject()) {
                        return node.toString();
                    }
                } catch (tools.jackson.core.JacksonException e) {
                    // reported below
                }
                throw new InvalidMetadataException();
            }
            if (metadataNames == null || metadataNames.length == 0) {
                return null;
            }
            ObjectNode json = mapper.createObjectNode();
            for (int i = 0; i < metadataNames.length; i++) {
                json.put(metadataNames[i], r.get(metadataIndexes[i]));
            }
            return json.toString();
        }

        private static String cell(CSVRecord r, int index) {
            if (index < 0) {
                return null;
            }
            String v = r.get(index);
            return v.isEmpty() ? null : v;
        }
    }

    private static final class InvalidMetadataException extends RuntimeException {
        InvalidMetadataException() {
            super(null, null, false, false);
        }
    }
}
