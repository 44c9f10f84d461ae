package io.labelloop.item.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One JSON item per line. Lines are independent records, so a malformed line is rejected on its
 * own; only a body in which no line parses is refused as a whole.
 */
class NdjsonUploadReader implements UploadReader {

    private final JsonMapper mapper;

    NdjsonUploadReader(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void read(InputStream body, Consumer<UploadRecord> sink) throws IOException {
        var reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16);
        long lineNumber = 0;
        long parsed = 0;
        String firstError = null;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (lineNumber == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            try {
                sink.accept(JsonItemMapper.toRecord(mapper.readTree(line), lineNumber));
                parsed++;
            } catch (JacksonException e) {
                String error = "malformed JSON: " + e.getOriginalMessage();
                firstError = firstError == null ? "line " + lineNumber + ": " + error : firstError;
                sink.accept(UploadRecord.unusable(lineNumber, null, error));
            }
        }
        if (parsed == 0) {
            throw new UploadParseException(firstError == null ? "the NDJSON body has no items" : "no line is valid JSON; " + firstError);
        }
    }
}
